"""Loading and validation of the published data: file contracts, checks, CSV loading, lock-down."""
