"""Entry point of the PyInstaller bundle (see build.spec): the same ``oxfield`` command."""

import sys

from ui.cli import main

if __name__ == "__main__":
    sys.exit(main())
