// Nothing to make: the extension puts window.gridWallet on the page.
