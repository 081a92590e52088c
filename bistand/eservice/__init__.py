"""The resident e-service under /mina-sidor/: apply, sign, and follow one's own case (README, docs/eservice.md)."""
