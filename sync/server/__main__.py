"""``python -m sync.server --folder DIR``: a seeded demo head office as its own process.

The desktop demo starts head office this way so the app reaches it only over the
protocol, as it would reach a real one. The process prints one JSON line with its
URL and database once it is listening, and stops when its standard input closes,
so it never outlives the app that started it (even if that app is killed).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from sync.server.embedded import start_embedded_server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sync.server")
    parser.add_argument("--folder", type=Path, required=True, help="where the SQLite file lives")
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    parser.add_argument("--password", default="demo", help="the demo technicians' password")
    args = parser.parse_args(argv)
    url, stop = start_embedded_server(args.folder, today=args.today, password=args.password)
    db_url = f"sqlite:///{args.folder / 'head-office.sqlite3'}"
    print(json.dumps({"url": url, "db": db_url}), flush=True)
    try:
        sys.stdin.read()  # returns at end of file: the parent closed the pipe or exited
    except KeyboardInterrupt:
        pass
    finally:
        stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
