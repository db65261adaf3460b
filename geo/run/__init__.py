"""Running the geoparser: the `python -m geo` command line (cli.py), parsing in worker processes
(parallel.py), and the seconds each stage takes (timing.py)."""
