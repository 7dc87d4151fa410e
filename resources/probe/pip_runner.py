# TorchLift: runs pip in this interpreter, and ends it at once if TorchLift itself stops (killed, crashed), so a pip
# left behind can never write into site-packages while recovery puts the old packages back.
# Usage: python pip_runner.py <pip arguments...>
import os
import sys
import threading
import time


def _parent_gone_checker():
    parent = os.getppid()
    if os.name == "nt":
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.OpenProcess.restype = wintypes.HANDLE
        handle = kernel32.OpenProcess(0x00100000, False, parent)  # SYNCHRONIZE
        if not handle:
            return lambda: False
        return lambda: kernel32.WaitForSingleObject(handle, 0) == 0  # WAIT_OBJECT_0: the parent has exited
    return lambda: os.getppid() != parent


def _watch(gone):
    while True:
        time.sleep(0.1)
        if gone():
            os._exit(70)


def main():
    threading.Thread(target=_watch, args=(_parent_gone_checker(),), daemon=True).start()
    from pip._internal.cli.main import main as pip_main

    return pip_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
