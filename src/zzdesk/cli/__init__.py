"""The zzdesk command line."""
