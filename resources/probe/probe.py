# TorchLift probe: run inside an install's own Python. Imports ONLY torch (torchvision/xformers versions
# come from files). Prints a marker line, then ONE JSON object on the last line of stdout; never a traceback.
# Usage: python probe.py [--verify]
# Works on Python 3.7+ (no walrus, no f-string "=" specifiers, no typing imports).
import json
import os
import platform
import struct
import sys
import time
import warnings

MARKER = "@@TORCHLIFT-PROBE-JSON@@"
PROBE_VERSION = 1


def _ms(started):
    return round((time.perf_counter() - started) * 1000.0, 1)


def _err(exc):
    return {"type": type(exc).__name__, "message": str(exc)}


def _python_info():
    return {
        "version": platform.python_version(),
        "executable": sys.executable,
        "bits": struct.calcsize("P") * 8,
        "implementation": platform.python_implementation(),
        "prefix": sys.prefix,
    }


def _call(errors, name, fn, default=None):
    """Run one torch query; record its failure instead of raising."""
    try:
        return fn()
    except BaseException as exc:  # noqa: BLE001 - a probe must never die on one query
        if isinstance(exc, KeyboardInterrupt):
            raise
        errors.append({"step": name, "type": type(exc).__name__, "message": str(exc)})
        return default


def _torch_facts(torch, errors):
    facts = {
        "version": str(getattr(torch, "__version__", "")),
        "cuda": _call(errors, "version.cuda", lambda: getattr(torch.version, "cuda", None)),
        "hip": _call(errors, "version.hip", lambda: getattr(torch.version, "hip", None)),
        "cudnn": _call(errors, "backends.cudnn.version", lambda: torch.backends.cudnn.version()),
        "cudaAvailable": None,
        "deviceCount": 0,
        "devices": [],
        "archList": [],
        "file": getattr(torch, "__file__", None),
    }
    started = time.perf_counter()
    facts["cudaAvailable"] = _call(errors, "cuda.is_available", lambda: bool(torch.cuda.is_available()))
    facts["isAvailableMs"] = _ms(started)
    if facts["cudaAvailable"]:
        count = _call(errors, "cuda.device_count", lambda: int(torch.cuda.device_count()), 0) or 0
        facts["deviceCount"] = count
        for i in range(count):
            name = _call(errors, "cuda.get_device_name", lambda: torch.cuda.get_device_name(i))
            cap = _call(errors, "cuda.get_device_capability", lambda: torch.cuda.get_device_capability(i))
            facts["devices"].append({
                "index": i,
                "name": name,
                "capability": ("%d.%d" % (cap[0], cap[1])) if cap else None,
            })
    arch = _call(errors, "cuda.get_arch_list", lambda: list(torch.cuda.get_arch_list()), [])
    facts["archList"] = [str(a) for a in (arch or [])]
    return facts


def _step(steps, name, fn):
    started = time.perf_counter()
    try:
        value = fn()
        steps.append({"name": name, "ok": True, "ms": _ms(started), "value": value, "error": None})
        return True
    except BaseException as exc:  # noqa: BLE001
        if isinstance(exc, KeyboardInterrupt):
            raise
        steps.append({"name": name, "ok": False, "ms": _ms(started), "value": None, "error": _err(exc)})
        return False


def _verify(torch):
    steps = []

    def cuda_available():
        if not torch.cuda.is_available():
            raise RuntimeError("torch.cuda.is_available() returned False")
        return True

    def matmul():
        a = torch.randn(64, 64, device="cuda")
        b = torch.randn(64, 64, device="cuda")
        return float((a @ b).sum().item())

    def conv2d():
        import torch.nn.functional as F  # part of torch itself
        x = torch.randn(1, 3, 16, 16, device="cuda")
        w = torch.randn(4, 3, 3, 3, device="cuda")
        return float(F.conv2d(x, w).sum().item())

    def synchronize():
        torch.cuda.synchronize()
        return True

    def cudnn_version():
        v = torch.backends.cudnn.version()
        if v is None:
            raise RuntimeError("torch.backends.cudnn.version() returned None")
        return int(v)

    if not _step(steps, "cuda-available", cuda_available):
        for name in ("matmul", "conv2d", "synchronize", "cudnn-version"):
            steps.append({"name": name, "ok": False, "ms": 0, "value": None,
                          "error": {"type": "Skipped", "message": "CUDA is not available"}})
        return steps
    _step(steps, "matmul", matmul)
    _step(steps, "conv2d", conv2d)
    _step(steps, "synchronize", synchronize)
    _step(steps, "cudnn-version", cudnn_version)
    return steps


def _collect(mode):
    out = {"probe": PROBE_VERSION, "mode": mode, "python": _python_info(), "torch": None,
           "importError": None, "importMs": None, "warnings": [], "errors": []}
    caught = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        started = time.perf_counter()
        try:
            import torch  # the ONLY import of a third-party package
        except BaseException as exc:  # noqa: BLE001 - ImportError, OSError (WinError 126), anything
            if isinstance(exc, KeyboardInterrupt):
                raise
            out["importMs"] = _ms(started)
            out["importError"] = _err(exc)
            torch = None
        if torch is not None:
            out["importMs"] = _ms(started)
            out["torch"] = _torch_facts(torch, out["errors"])
            if mode == "verify":
                steps = [{"name": "import", "ok": True, "ms": out["importMs"], "value": None, "error": None}]
                out["verify"] = {"steps": steps + _verify(torch)}
        elif mode == "verify":
            out["verify"] = {"steps": [{"name": "import", "ok": False, "ms": out["importMs"], "value": None,
                                        "error": out["importError"]}]}
    for w in caught or []:
        out["warnings"].append({"category": getattr(w.category, "__name__", "Warning"), "message": str(w.message)})
    return out


def main(argv):
    mode = "verify" if "--verify" in argv else "info"
    real_stdout = sys.stdout
    # Anything torch prints goes to stderr so our stdout stays: marker line + JSON line.
    sys.stdout = sys.stderr
    try:
        result = _collect(mode)
    except BaseException as exc:  # noqa: BLE001 - last resort: still one JSON object
        result = {"probe": PROBE_VERSION, "mode": mode, "python": None, "torch": None,
                  "importError": None, "fatal": _err(exc), "warnings": [], "errors": []}
    finally:
        sys.stdout = real_stdout
    text = json.dumps(result, ensure_ascii=True, default=str)
    real_stdout.write("\n" + MARKER + "\n" + text + "\n")
    real_stdout.flush()
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)  # skip interpreter teardown: torch's atexit hooks can hang or print
