// React bindings of Live's browser client (@dev.live/client/react): a live query and a room as
// component state. The hooks take the client as an argument rather than from a context, so that an
// application keeps the client where it likes (a context of its own, a module, a prop), and may pass
// null while connect() is still resolving.

import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";

const NO_MEMBERS = Object.freeze([]);

/**
 * Follows a live query: `{data, info, error, loading}`, rendered again on every change. The query is
 * known by its wire form, so a component may build it anew on every render without subscribing
 * again; a query of another form (or another client) ends the old subscription and starts a new
 * one. `loading` holds until the current query's first result or error, and while there is no
 * client or query (nothing is followed then): pass null while connect() resolves.
 */
export function useLiveQuery(client, query) {
  const key = client && query ? JSON.stringify(query.toJSON()) : null;
  const latest = useRef(query);
  latest.current = query;
  const [result, setResult] = useState(null);

  useEffect(() => {
    if (key === null) return undefined;
    let open = true;
    const settle = (data, info, error) => {
      if (open) setResult({ client, key, data, info, error });
    };
    let subscription;
    try {
      subscription = latest.current.subscribe((data, info) => settle(data, info, undefined),
        (error) => settle(undefined, undefined, error));
    } catch (error) {
      settle(undefined, undefined, error); // a closed client, say
      return () => { open = false; };
    }
    return () => {
      open = false;
      subscription.close();
    };
  }, [client, key]);

  // A result left from the previous query or client is not this one's.
  const current = result && result.client === client && result.key === key ? result : null;
  return {
    data: current?.data,
    info: current?.info,
    error: current?.error,
    loading: current === null,
  };
}

/**
 * A room of the client, `{room, joined, memberId, members, state, error}`, rendered again when its
 * members or state change. Given a presence, the component is in the room while it is mounted: it
 * joins with the presence, sends it again when it changes (compared as JSON), and leaves when it
 * unmounts or names another room. Without one it only watches (join the room elsewhere, or with
 * `room.join`). Let one component per room and client pass a presence: they share one membership.
 */
export function useRoom(client, type, key, presence) {
  const room = useMemo(() => (client && type && key != null ? client.room(type, key) : null), [client, type, key]);

  const subscribe = useCallback((changed) => {
    if (!room) return () => {};
    const stopMembers = room.onMembers(changed);
    const stopState = room.onState(changed);
    return () => {
      stopMembers();
      stopState();
    };
  }, [room]);
  // The room replaces its members and state (frozen) on every change, so they compare by identity.
  const cached = useRef(null);
  const snapshot = useCallback(() => {
    const now = room
      ? { room, joined: room.joined, memberId: room.memberId, members: room.members, state: room.state }
      : { room: null, joined: false, memberId: null, members: NO_MEMBERS, state: null };
    const last = cached.current;
    if (last && last.room === now.room && last.joined === now.joined && last.memberId === now.memberId
      && last.members === now.members && last.state === now.state) {
      return last;
    }
    return (cached.current = now);
  }, [room]);
  const view = useSyncExternalStore(subscribe, snapshot, snapshot);

  const [failure, setFailure] = useState(null);
  const presenceKey = presence === undefined ? undefined : JSON.stringify(presence);
  const latestPresence = useRef(presence);
  latestPresence.current = presence;
  const member = presenceKey !== undefined;

  useEffect(() => {
    if (!room || !member) return undefined;
    let mounted = true;
    const fail = (error) => mounted && setFailure({ room, error });
    inTurn(room, async () => {
      if (!mounted) return;
      await room.join(latestPresence.current);
      // The presence may have changed while the join was on its way.
      if (mounted && JSON.stringify(latestPresence.current) !== JSON.stringify(room.presence)) {
        await room.setPresence(latestPresence.current);
      }
    }).catch(fail);
    return () => {
      mounted = false;
      inTurn(room, () => room.leave()).catch(() => {});
    };
  }, [room, member]);

  useEffect(() => {
    if (!room || presenceKey === undefined) return;
    inTurn(room, async () => {
      if (room.joined && JSON.stringify(room.presence) !== presenceKey) {
        await room.setPresence(latestPresence.current);
      }
    }).catch((error) => setFailure({ room, error }));
  }, [room, presenceKey]);

  return {
    room: view.room,
    joined: view.joined,
    memberId: view.memberId,
    members: view.members,
    state: view.state,
    error: failure && failure.room === room ? failure.error : undefined,
  };
}

/**
 * Runs the room requests of the hooks one after another: a remount (React's strict mode mounts
 * twice) joins, leaves and joins again, and a join sent before the leave answered would be refused.
 */
const turns = new WeakMap();
function inTurn(room, step) {
  const done = (turns.get(room) ?? Promise.resolve()).then(step);
  turns.set(room, done.catch(() => {}));
  return done;
}
