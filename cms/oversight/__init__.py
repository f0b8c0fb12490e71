"""Oversight dashboard: per site and edition, how fresh each portal is and how well its
foreign-language editions keep up, from figures precomputed by a worker task."""
