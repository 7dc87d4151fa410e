# Fake xformers: version, build info (cpp_lib.json) and the real "can't load C++/CUDA extensions" warning.
import logging

from .version import __version__  # noqa: F401

logger = logging.getLogger('xformers')

from . import _cpp_lib  # noqa: E402,F401
