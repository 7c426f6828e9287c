/**
 * The one write of the bench's framework floor (app/routes/bench.floor.ts): a row in a table
 * made on first use, in the bench's throwaway database only (the route answers nothing
 * unless the server was started for the bench), written to the WAL like a ballot.
 */
import { sqlite } from "~/db.server";

let insert: ((body: string, at: number) => void) | null = null;

export function floorWrite(body: string) {
  if (!insert) {
    sqlite.exec("create table if not exists bench_floor (id integer primary key, body text not null, at integer not null)");
    const stmt = sqlite.prepare("insert into bench_floor (body, at) values (?, ?)");
    insert = (b, at) => void stmt.run(b, at);
  }
  insert(body, Date.now());
}
