"""Gunicorn settings for production: `gunicorn -c python:bistand.project.gunicorn_conf bistand.project.wsgi`.

Each value can be overridden on the command line or with GUNICORN_CMD_ARGS. Threads rather than many
processes: requests mostly wait on PostgreSQL, and each process holds its own persistent connection
per thread (BISTAND_CONN_MAX_AGE), so workers x threads must stay below the database's max_connections.
"""

import os

from bistand.project.env import Env

ENV = Env(os.environ)

bind = ENV.text("BISTAND_BIND", "127.0.0.1:8000")
workers = ENV.integer("BISTAND_WORKERS", 2, minimum=1)
threads = ENV.integer("BISTAND_THREADS", 4, minimum=1)
worker_class = "gthread"
# PDF letters and monthly exports can take a few seconds; anything near a minute is a fault.
timeout = 60
graceful_timeout = 30
# Idle keep-alive connections stay open longer than the proxy's own idle timeout (nginx's upstream
# keepalive_timeout is 60 s): with gunicorn's default of 2 s the server closes connections the proxy is
# just reusing, and those requests fail with "connection reset by peer". The gthread worker keeps idle
# connections in its poller, not in a thread, so they cost no request capacity.
keepalive = ENV.integer("BISTAND_KEEPALIVE", 75, minimum=1)
# Settings are read once and a bad environment stops the server instead of every worker failing alone.
preload_app = True
# The access log names the path only: query strings (?person=, ?manad=) may identify someone.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# Behind the TLS proxy on the same host; set FORWARDED_ALLOW_IPS for a proxy elsewhere.
forwarded_allow_ips = ENV.text("FORWARDED_ALLOW_IPS", "127.0.0.1")
