// A browser, a local stack and a first TDesign compile take longer than jest's 5 s default.
jest.setTimeout(60_000);
