"""``tech-app app`` (also plain ``tech-app``) and ``tech-app demo``, added by entry point."""

from __future__ import annotations

import argparse


def cmd_app(args: argparse.Namespace) -> int:
    from ui.app import run_app

    return run_app(args.data_dir)


def cmd_demo(args: argparse.Namespace) -> int:
    from ui.app import run_app
    from ui.demo_session import start_demo

    session = start_demo(args.data_dir)
    print(f"demo head office at {session.url}; technician liu, password demo")
    print(f"first sync: {session.first_sync.summary()}")
    print(f"dispatch from head office with: tech-app office jobs --db {session.office_db}")
    print(f"or in a browser: {session.url}/ (user dispatcher, password demo)")
    try:
        return run_app(session.data_dir)
    finally:
        session.stop()


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    app = commands.add_parser("app", help="open the desktop app (the default command)")
    app.set_defaults(run=cmd_app)

    demo = commands.add_parser(
        "demo",
        help="start a demo head office on this computer, log in as liu and open the app",
    )
    demo.set_defaults(run=cmd_demo)
