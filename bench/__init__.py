"""`make bench`: Newsroom's pages measured under load on loopback (see README)."""
