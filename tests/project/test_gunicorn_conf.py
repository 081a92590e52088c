"""The production server's settings: what a proxy in front of gunicorn relies on."""

import importlib

import pytest

NGINX_UPSTREAM_IDLE_SECONDS = 60  # nginx: keepalive_timeout of an upstream's idle connections


def _conf(monkeypatch, **env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    import bistand.project.gunicorn_conf as conf

    return importlib.reload(conf)


def test_idle_connections_outlive_the_proxys(monkeypatch):
    monkeypatch.delenv("BISTAND_KEEPALIVE", raising=False)
    conf = _conf(monkeypatch)
    assert conf.worker_class == "gthread"
    assert conf.keepalive > NGINX_UPSTREAM_IDLE_SECONDS


def test_keepalive_from_the_environment(monkeypatch):
    assert _conf(monkeypatch, BISTAND_KEEPALIVE="120").keepalive == 120
    with pytest.raises(Exception, match="BISTAND_KEEPALIVE"):
        _conf(monkeypatch, BISTAND_KEEPALIVE="0")
