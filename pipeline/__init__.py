"""planparse: Chinese government plan documents to typed Parquet tables.

``pipeline.load(out_dir="normalized")`` gives the built tables as pandas DataFrames
(see ``pipeline.loading``; pandas is imported only then, not by a build).
"""

__version__ = "0.1.0"
__all__ = ["__version__", "load"]


def __getattr__(name):
    if name == "load":
        from pipeline.loading import load
        return load
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
