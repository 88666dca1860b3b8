"""zzdesk: an offline briefing desk for government work reports."""

__version__ = "0.1.0"
