"""The one exception every reader raises: a Chinese message saying what could not be
read and what to do (e.g. 请用 Word/WPS 另存为 .docx 后再试). Commands turn it into one line
and exit code 2; a batch goes on with the next file."""


class ReadError(ValueError):
    """Chinese message: what could not be read and why, and what to do about it."""


class NotAReportError(ReadError):
    """A readable file that holds no report at all (no title, no table of section 三):
    a batch lists it as skipped rather than as a broken report."""
