// Package pg gives gotp OTP's pg: named process groups, spread over the
// nodes of a cluster, with automatic removal of members that end.
//
// # Scopes
//
// A scope is one process per node per name (StartScope, which spawns it
// from the node as OTP's pg:start does; StartScopeLink, linked to the
// calling process; or ChildSpec, for a supervision tree), registered under
// its name; DefaultScope is OTP's pg. A *Scope handle (Open, Default, or the one StartScope returns) follows
// the scope across restarts. Scopes of different names are independent.
//
//	scope, err := pg.StartScope(node, pg.DefaultScope)
//	err = scope.Join(ctx, "posts", pid)        // counted: join twice, leave twice
//	for _, m := range scope.Members("posts") { node.Send(m, msg) }
//	err = scope.Leave(ctx, "posts", pid)       // ErrNotJoined when nothing changed
//
// Groups are named by strings. Join and Leave take one PID or several; only
// processes of the scope's node may join (ErrNotLocal) and an empty list is
// rejected (ErrNoPIDs: OTP would create a phantom group that can never be
// deleted). Both are synchronous requests to the scope process.
//
// # Reads
//
// Members, LocalMembers, WhichGroups, WhichLocalGroups, Snapshot and
// ForEachMember never message the scope: the scope publishes an immutable
// snapshot of each group it changes (copy-on-write in chunks of 128 PIDs,
// swapped in atomically), as OTP's pg keeps an ETS table with read
// concurrency. A read costs no lock; ForEachMember and Snapshot.ForEach
// allocate nothing, so a broadcast costs no message to the scope. A
// Snapshot tells this node's members from those of each peer node
// (Snapshot.Remote), for broadcasters that deliver per node.
//
// # Automatic removal
//
// The scope monitors each local member once. When a member ends, for any
// reason, every membership it held is removed (once per join) and
// subscribers get one Left per membership. Nobody has to leave by hand.
// Removal is asynchronous: right after a process ends, reads may still
// return it for a moment. Sending to it is harmless, as sending to a dead
// process is silent. Removal costs O(1) per membership, and a burst of
// ends is published in batches, so 100,000 members that end at once are
// gone in milliseconds (OTP's pg: minutes).
//
// # Monitoring groups
//
// Monitor(ctx, subscriber, group) and MonitorScope return the current
// members together with a subscription Ref; the subscriber then receives a
// Joined or Left message for every change, in order, until Demonitor or its
// end. Demonitor cannot take back notifications already in the
// subscriber's mailbox: ignore those whose Ref you no longer hold.
//
// # Several nodes
//
// With WithTransport, the scope joins an overlay network of the scopes of
// the same name on other nodes, speaking OTP's protocol: Discover on start
// and on NodeUp, Sync (a full replacement of a peer's contribution),
// JoinMsg and LeaveMsg deltas, and PeerDown, which drops everything a peer
// contributed. Each node is authoritative for its own processes; views
// converge (strong eventual consistency) and are not transitive. Network is
// an in-process Transport that connects Nodes of one program and can cut
// and heal links, for tests.
//
// # Differences from OTP
//
//   - An unexpected message or call is logged and dropped; OTP's scope
//     crashes (and Nova's unsupervised scope then stays dead).
//   - Empty PID lists are rejected instead of creating a phantom group.
//   - Left notifications and LeaveMsg carry only the memberships actually
//     removed, not the whole requested list.
//   - Member order is unspecified: adding appends, removing moves the last
//     member into the hole (OTP prepends and deletes in place).
//   - When a scope restarts, its local memberships are lost, as in OTP
//     (an Instance of the ended run still shows them, for re-joining);
//     those of other nodes are learned again through Discover and Sync.
//   - Join and Leave wait for the scope without a time limit of their own
//     (OTP: infinity), but honour ctx and fail at once, with ErrNoScope
//     (matching actor.NoProc), when the scope is not running or ends.
package pg
