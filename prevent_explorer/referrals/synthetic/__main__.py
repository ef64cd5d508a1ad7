"""Run the generator: python -m prevent_explorer.referrals.synthetic (see cli.py for the options)."""

from prevent_explorer.referrals.synthetic.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
