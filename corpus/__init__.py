"""Corpus scale on top of `geo`: many articles parsed on a Dask cluster into partitioned GeoParquet datasets
(places/, claims/, documents/), resumable partition by partition. `geo` itself knows nothing of this package."""
