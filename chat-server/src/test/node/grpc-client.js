'use strict';
// A roomchat member that is not ours: @grpc/grpc-js with @grpc/proto-loader, loading chat.proto from
// the source tree at run time (no generated code). Used by NodeInteropEndToEndTest.
//
//   node grpc-client.js <proto root> <host:port> <name> [room]
//
// It opens Chat.Session, claims <name>, prints "named <name>" once the server confirms it; given a
// room, it moves there with a typed ChangeRoom and prints "entered <room> with <members>" once told it
// is there. Then it waits for the first line someone else says in its room (the lobby, or <room>),
// answers it with a typed Say ("<name> got: <text>"),
// then sends a typed Exit and waits for the goodbye and the end of the call. Exit code 0 when all of
// that happened in order; 1 with a message on stderr when anything else arrived or the call failed;
// 2 when it took longer than the deadline below.

const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

/** How long the whole exchange may take before the script gives up (the test waits longer). */
const DEADLINE_MS = 30000;
const PROTO_FILE = 'roomchat/v1/chat.proto';

function fail(code, message) {
  process.stderr.write(`grpc-client: ${message}\n`);
  process.exit(code);
}

const [protoRoot, address, name, room] = process.argv.slice(2);
if (!protoRoot || !address || !name) {
  fail(1, 'usage: node grpc-client.js <proto root> <host:port> <name> [room]');
}

const definition = protoLoader.loadSync(PROTO_FILE, {
  includeDirs: [protoRoot],
  keepCase: true, // field names as in the .proto: name_prompt, room_event
  longs: String,  // seq is a uint64
  defaults: false,
  oneofs: true,   // each message tells which field of its oneof is set
});
const roomchat = grpc.loadPackageDefinition(definition).roomchat.v1;
const client = new roomchat.Chat(address, grpc.credentials.createInsecure());

const timer = setTimeout(() => fail(2, `timed out after ${DEADLINE_MS} ms`), DEADLINE_MS);
const call = client.Session();

// Where the exchange is: each step accepts only what may come next and ignores other notices.
let step = 'prompt';
let saidGoodbye = false;

call.on('data', (event) => {
  const kind = event.kind;
  if (kind === 'error') {
    call.cancel();
    fail(1, `typed error from the server: ${event.error.text}`);
  }
  if (kind === 'goodbye') {
    saidGoodbye = true;
    if (step !== 'leaving') {
      fail(1, `goodbye before the exchange was done: ${event.goodbye.text}`);
    }
    return;
  }
  if (step === 'prompt' && kind === 'name_prompt') {
    step = 'claiming';
    call.write({ name });
  } else if (step === 'claiming' && kind === 'named') {
    if (event.named.name !== name) {
      fail(1, `named ${event.named.name}, not ${name}`);
    }
    process.stdout.write(`named ${name}\n`);
    step = room ? 'entering' : 'listening';
    if (room) {
      call.write({ change_room: { room } });
    }
  } else if (step === 'entering' && kind === 'entered') {
    if (event.entered.room !== room) {
      fail(1, `entered ${event.entered.room}, not ${room}`);
    }
    process.stdout.write(`entered ${room} with ${(event.entered.members || []).join(', ')}\n`);
    step = 'listening';
  } else if (step === 'listening' && kind === 'room_event' && event.room_event.what === 'said') {
    const said = event.room_event;
    if (said.from === name) {
      fail(1, 'got its own line back');
    }
    if (!(Number(said.seq) > 0) || said.room !== (room || 'lobby')) {
      fail(1, `a said event without its seq, or not in ${room || 'lobby'}: ${JSON.stringify(said)}`);
    }
    process.stdout.write(`heard ${said.from} in ${said.room}: ${said.said.text}\n`);
    call.write({ say: { text: `${name} got: ${said.said.text}` } });
    call.write({ exit: {} });
    step = 'leaving';
  }
});

call.on('error', (error) => fail(1, `the call failed: ${error.code} ${error.details}`));

call.on('end', () => {
  clearTimeout(timer);
  if (step !== 'leaving' || !saidGoodbye) {
    fail(1, `the call ended at step ${step} (goodbye: ${saidGoodbye})`);
  }
  process.stdout.write('done\n');
  client.close();
  process.exit(0);
});
