# Compares the build info written at build time with the torch/Python actually installed, like xformers/_cpp_lib.py.
import json
import logging
import os
import platform

import torch

logger = logging.getLogger('xformers')

_BUILD_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'cpp_lib.json')


class xFormersWasNotBuiltException(Exception):
    def __str__(self):
        return 'Need to compile C++ extensions to use all xFormers features.'


class xFormersInvalidLibException(Exception):
    def __init__(self, build_info):
        self.build_info = build_info

    def __str__(self):
        if self.build_info is None:
            msg = 'xFormers was built for a different version of PyTorch or Python.'
        else:
            v = self.build_info['version']
            msg = ('xFormers was built for:\n    PyTorch %s with CUDA %s (you have %s)\n    Python  %s (you have %s)'
                   % (v['torch'], v['cuda'], torch.__version__, v['python'], platform.python_version()))
        return ("xFormers can't load C++/CUDA extensions. " + msg +
                '\n  Please reinstall xformers (see https://github.com/facebookresearch/xformers#installing-xformers)'
                "\n  Memory-efficient attention, SwiGLU, sparse and more won't be available.")


def _load_build_info():
    try:
        with open(_BUILD_FILE, 'r', encoding='utf-8') as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


build_info = _load_build_info()
_cpp_library_load_exception = None
if build_info is None:
    _cpp_library_load_exception = xFormersWasNotBuiltException()
elif (build_info['version']['torch'] != torch.__version__
      or build_info['version']['python'] != platform.python_version()):
    _cpp_library_load_exception = xFormersInvalidLibException(build_info)
    logger.warning('WARNING[XFORMERS]: %s\n  Set XFORMERS_MORE_DETAILS=1 for more details', _cpp_library_load_exception)
_built_with_cuda = build_info is not None and build_info['version'].get('cuda') is not None
