// The server's role table, so the UI hides exactly what the API would refuse.
export { roleAllows, type Permission, type Role } from '../../../src/domain/roles.ts';
