"""The `strike-map` command line: geo's commands (parse, check-distances, export) and corpus's. It sits above
both packages, so `geo` never imports `corpus`, which is built on it."""
