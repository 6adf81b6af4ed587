// Runs autocannon with the options given as JSON in argv[2] and prints its result as JSON.
// Its own process, so the load generator does not share the server's event loop.
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2]);
const result = await autocannon(options);
process.stdout.write(JSON.stringify(result));
