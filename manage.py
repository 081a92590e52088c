#!/usr/bin/env python
import sys

from bistand.cli import main

if __name__ == "__main__":
    sys.exit(main())
