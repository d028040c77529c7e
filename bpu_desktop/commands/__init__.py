"""One module per `bpu` verb; see cli.py."""
