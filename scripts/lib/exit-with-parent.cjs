// Preloaded (NODE_OPTIONS=--require) into the Azurite and MailDev that a test host starts: their stdin is a pipe from
// that host, so it ends when the host does, even when the host is killed outright (as Stryker does with a test run that
// takes too long) and cannot stop its children itself. Without this they would run on, orphaned, until the machine stops.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
