"""Turning core data into things that leave the program: fonts for print, tables, briefings."""
