"""Runs LocalStack's open-source core on the host (the LocalStack profile of the local runtime).

Not a fix of LocalStack: like moto_server.py, it ends with the process that started it
(exit_with_parent), then runs LocalStack's own entry point. Its settings come from the environment
(see local/emulator/localstack-server.ts).
"""
import runpy

import exit_with_parent  # noqa: F401

if __name__ == "__main__":
    runpy.run_module("localstack.runtime.main", run_name="__main__")
