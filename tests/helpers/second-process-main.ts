// A second app process for tests (see second-process.ts): connects to the given database and runs one action.
import mongoose from 'mongoose';
import { updateUser } from '../../src/auth/index.js';
import { User } from '../../src/auth/user.model.js';
import { issueRsvpToken } from '../../src/invitations/index.js';

const [uri, dbName, action, ...args] = process.argv.slice(2);
await mongoose.connect(uri!, { dbName, serverSelectionTimeoutMS: 10_000 });
try {
  if (action === 'reissue-link') process.stdout.write(await issueRsvpToken(args[0]!));
  else if (action === 'deactivate-user') {
    const user = await User.findById(args[0]).lean();
    await updateUser(args[0]!, { name: user!.name, role: user!.role, active: false, password: '' });
  } else throw new Error(`unknown action ${action}`);
} finally {
  await mongoose.disconnect();
}
