"""The ``tms`` command line: a click group whose commands each call one service."""
