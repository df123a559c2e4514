"""Members and the network itself: creating a network, member files (CSV/XLSX), the composition."""
