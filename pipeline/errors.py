"""Exceptions raised by the stages; the CLI turns them into one-line messages."""
from __future__ import annotations


class PipelineError(Exception):
    """Base class: every error the pipeline reports to a user."""


class InputError(PipelineError):
    """A raw file (or the manifest) cannot be used; names the file and the problem."""

    def __init__(self, path, problem: str, fix: str | None = None):
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        message = f"{self.path}: {problem}"
        if fix:
            message += f" ({fix})"
        super().__init__(message)


class SchemaError(PipelineError):
    """Rows do not match the declared table schema."""

    def __init__(self, table: str, problem: str):
        self.table = table
        self.problem = problem
        super().__init__(f"table {table}: {problem}")


class RuleError(PipelineError):
    """A lexicon or rule file is malformed."""

    def __init__(self, rule: str, problem: str):
        self.rule = rule
        self.problem = problem
        super().__init__(f"{rule}: {problem}")


class OutputError(PipelineError):
    """The outputs cannot be written (not a directory, disk full, no permission …); names the
    path. The output directory keeps the tables of the last complete build."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
