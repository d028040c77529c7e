"""Start BPU Desktop: `python main.py [--db PATH]`."""

from bpu_desktop.app import main

if __name__ == "__main__":
    raise SystemExit(main())
