"""planparse: Chinese government plan documents to typed Parquet tables."""

__version__ = "0.1.0"
__all__ = ["__version__"]
