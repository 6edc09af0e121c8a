package roomchat.core.room;

import static roomchat.testing.Stages.done;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.core.event.Notice;
import roomchat.core.testing.RecordingPort;

class LocalRoomRegistryTest {

    private static final Page FIRST = new Page(1, 100);

    private static final int THREADS = 8;

    private final LocalRoomRegistry registry = new LocalRoomRegistry("lobby");
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private NameChange claim(String name) {
        return done(registry.claim(name, new RecordingPort(), InetAddress.getLoopbackAddress()));
    }

    private Member join(String name) {
        NameChange claim = claim(name);
        assertThat(claim).as("claim of %s", name).isInstanceOf(NameChange.Claimed.class);
        return ((NameChange.Claimed) claim).moved().member();
    }

    @Test
    void claimPutsTheMemberInTheDefaultRoomWithItsCompany() {
        join("alice");
        RoomChange.Moved bob = ((NameChange.Claimed) claim("bob")).moved();
        assertThat(bob.left()).isNull();
        assertThat(bob.to()).isSameAs(registry.defaultRoom());
        assertThat(bob.company()).containsExactly("alice");
        assertThat(bob.member().room()).isSameAs(registry.defaultRoom());
    }

    @Test
    void namesAreUniqueIgnoringCase() {
        join("Alice");
        assertThat(claim("aLiCe")).isEqualTo(new NameChange.Taken());
    }

    @Test
    void aMemberKeepsTheAddressItClaimedFrom() throws Exception {
        InetAddress address = InetAddress.getByName("192.0.2.7");
        NameChange claim = done(registry.claim("alice", new RecordingPort(), address));
        assertThat(((NameChange.Claimed) claim).moved().member().address()).isEqualTo(address);
    }

    @Test
    void aNameThatWouldPassForOneInUseIsRefusedAndNamesTheOther() {
        join("bill");
        join("modem");
        join("OLGA");
        assertThat(claim("biII")).isEqualTo(new NameChange.TooLike("bill"));
        assertThat(claim("BILL")).isEqualTo(new NameChange.Taken());
        assertThat(claim("bilI")).isEqualTo(new NameChange.TooLike("bill"));
        assertThat(claim("rnodem")).isEqualTo(new NameChange.TooLike("modem"));
        assertThat(claim("0LGA")).isEqualTo(new NameChange.TooLike("OLGA"));
        assertThat(registry.memberCount()).isEqualTo(3);
    }

    @Test
    void theFirstOfTwoLookAlikesHoldsItsSkeletonsUntilItLeaves() {
        Member imitated = join("biII");
        assertThat(claim("bill")).isEqualTo(new NameChange.TooLike("biII"));
        done(registry.leave(imitated));
        join("bill");
    }

    @Test
    void renamingFollowsTheSameRuleButANameMayLookLikeItsOwn() {
        Member bill = join("bill");
        Member mallory = join("mallory");
        assertThat(done(registry.rename(mallory, "biII"))).isEqualTo(new NameChange.TooLike("bill"));
        assertThat(mallory.name()).isEqualTo("mallory");
        assertThat(done(registry.rename(bill, "biII"))).isEqualTo(new NameChange.Renamed("bill"));
        assertThat(claim("bilI")).isEqualTo(new NameChange.TooLike("biII"));
        assertThat(done(registry.rename(bill, "william"))).isEqualTo(new NameChange.Renamed("biII"));
        assertThat(done(registry.rename(mallory, "bill"))).isEqualTo(new NameChange.Renamed("mallory"));
        assertThat(claim("wiIIiam")).isEqualTo(new NameChange.TooLike("william"));
    }

    @Test
    void lookAlikesClaimedAtTheSameInstantGiveTheNameToOne() throws Exception {
        for (int round = 0; round < 50; round++) {
            List<String> names = List.of("bill" + round, "biII" + round, "BILL" + round, "bilI" + round,
                    "bi1l" + round, "BiLl" + round, "bil1" + round, "BiIl" + round);
            List<NameChange> results = runAtOnce(names, this::claim);
            assertThat(results).filteredOn(NameChange.Claimed.class::isInstance).hasSize(1);
        }
        assertThat(registry.memberCount()).isEqualTo(50);
    }

    @Test
    void leavingFreesTheNameAndIsIdempotent() {
        Member alice = join("alice");
        assertThat(done(registry.leave(alice))).map(Departure::room).contains(registry.defaultRoom());
        assertThat(done(registry.leave(alice))).isEmpty();
        assertThat(registry.memberCount()).isZero();
        join("ALICE");
    }

    @Test
    void createMovesTheCreatorAndRefusesADuplicateInAnyCase() {
        Member alice = join("alice");
        Member bob = join("bob");
        RoomChange created = done(registry.create(alice, "Games"));
        assertThat(created).isInstanceOfSatisfying(RoomChange.Moved.class, moved -> {
            assertThat(moved.created()).isTrue();
            assertThat(moved.left().room()).isSameAs(registry.defaultRoom());
            assertThat(moved.to().name()).isEqualTo("Games");
        });
        assertThat(done(registry.create(bob, "games"))).isInstanceOf(RoomChange.RoomExists.class);
        assertThat(bob.room()).isSameAs(registry.defaultRoom());
    }

    @Test
    void moveToFindsRoomsIgnoringCaseAndKnowsWhereYouAre() {
        Member alice = join("alice");
        Member bob = join("bob");
        done(registry.create(alice, "games"));
        assertThat(done(registry.moveTo(bob, "GAMES", null))).isInstanceOfSatisfying(RoomChange.Moved.class,
                moved -> assertThat(moved.company()).containsExactly("alice"));
        assertThat(done(registry.moveTo(bob, "games", null))).isInstanceOf(RoomChange.AlreadyThere.class);
        assertThat(done(registry.moveTo(bob, "Games", "any password"))).isInstanceOf(RoomChange.AlreadyThere.class);
        assertThat(done(registry.moveTo(bob, "chess", null))).isEqualTo(new RoomChange.NoSuchRoom("chess"));
    }

    @Test
    void aRoomGoesWhenItsLastMemberLeavesButTheDefaultRoomStays() {
        Member alice = join("alice");
        done(registry.create(alice, "games"));
        done(registry.moveTo(alice, "lobby", null));
        assertThat(done(registry.checkEntry("games", null))).isInstanceOf(RoomChange.NoSuchRoom.class);
        done(registry.leave(alice));
        assertThat(done(registry.checkEntry("LOBBY", null))).isEqualTo(new RoomChange.Open(registry.defaultRoom()));
    }

    @Test
    void theCreatorIsHostAndWhenTheLastHostLeavesTheLongestPresentMemberIs() {
        Member alice = join("alice");
        Member bob = join("bob");
        Member carol = join("carol");
        done(registry.create(alice, "games"));
        done(registry.moveTo(bob, "games", null));
        done(registry.moveTo(carol, "games", null));
        assertThat(done(registry.describe(bob, FIRST)).hosts()).containsExactly("alice");
        RoomChange.Moved aliceLeaves = (RoomChange.Moved) done(registry.moveTo(alice, "lobby", null));
        assertThat(aliceLeaves.left().newHost()).isSameAs(bob);
        assertThat(done(registry.describe(carol, FIRST)).hosts()).containsExactly("bob");
        assertThat(done(registry.leave(carol)).orElseThrow().newHost()).isNull();
    }

    @Test
    void onlyHostsActAndTheDefaultRoomHasNone() {
        Member alice = join("alice");
        Member bob = join("bob");
        assertThat(done(registry.setTopic(alice, "x"))).isInstanceOf(HostOutcome.Unhosted.class);
        done(registry.create(alice, "games"));
        done(registry.moveTo(bob, "games", null));
        assertThat(done(registry.setPassword(bob, "pw"))).isInstanceOf(HostOutcome.NotHost.class);
        assertThat(done(registry.hostsOf(alice.room()))).containsExactly(alice);
        assertThat(done(registry.kick(alice, "alice"))).isInstanceOf(HostOutcome.Self.class);
        assertThat(done(registry.kick(alice, "nobody"))).isInstanceOf(HostOutcome.NotInRoom.class);
        assertThat(done(registry.promote(alice, "bob"))).isInstanceOf(HostOutcome.Promoted.class);
        assertThat(done(registry.describe(alice, FIRST)).hosts()).containsExactly("alice", "bob");
        assertThat(done(registry.kick(bob, "ALICE"))).isInstanceOfSatisfying(HostOutcome.Kicked.class,
                kicked -> assertThat(kicked.move().to()).isSameAs(registry.defaultRoom()));
        assertThat(alice.room()).isSameAs(registry.defaultRoom());
    }

    @Test
    void aLockedRoomNeedsItsPassword() {
        Member alice = join("alice");
        Member bob = join("bob");
        done(registry.create(alice, "games"));
        done(registry.setPassword(alice, "s3cret"));
        assertThat(done(registry.listRooms(FIRST)).rooms()).filteredOn(info -> info.name().equals("games"))
                .singleElement().satisfies(info -> assertThat(info.locked()).isTrue());
        assertThat(done(registry.moveTo(bob, "games", null))).isInstanceOf(RoomChange.Locked.class);
        assertThat(done(registry.moveTo(bob, "games", "guess"))).isInstanceOf(RoomChange.WrongPassword.class);
        assertThat(done(registry.checkEntry("games", "s3cret"))).isInstanceOf(RoomChange.Open.class);
        assertThat(done(registry.moveTo(bob, "games", "s3cret"))).isInstanceOf(RoomChange.Moved.class);
        done(registry.setPassword(alice, null));
        assertThat(done(registry.checkEntry("games", null))).isInstanceOf(RoomChange.Open.class);
    }

    @Test
    void renamingKeepsNamesUnique() {
        Member alice = join("alice");
        join("bob");
        assertThat(done(registry.rename(alice, "BOB"))).isEqualTo(new NameChange.Taken());
        assertThat(done(registry.rename(alice, "Alicia"))).isEqualTo(new NameChange.Renamed("alice"));
        assertThat(done(registry.findMember("alicia"))).containsSame(alice);
        assertThat(done(registry.findMember("alice"))).isEmpty();
        assertThat(done(registry.rename(alice, "ALICIA"))).isEqualTo(new NameChange.Renamed("Alicia"));
        join("alice");
    }

    @Test
    void membershipHearsOfEveryMoveInTheOrderTheRegistryMadeIt() throws Exception {
        Map<Member, Set<Room>> heardIn = new ConcurrentHashMap<>();
        registry.deliverMovesTo(new Membership() {
            @Override
            public void admit(Room room, Member member, List<Notice> first) {
                assertThat(heardIn.computeIfAbsent(member, m -> ConcurrentHashMap.newKeySet()).add(room)).isTrue();
            }

            @Override
            public void remove(Room room, Member member) {
                assertThat(heardIn.get(member).remove(room)).isTrue();
            }
        });
        Member host = join("host");
        done(registry.create(host, "games"));
        List<Member> guests = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            guests.add(join("guest" + i));
        }
        for (int round = 0; round < 200; round++) {
            List<Object> done = runAtOnce(guests, guest -> guest.key().endsWith("0")
                    ? done(registry.kick(host, "guest" + (ThreadLocalRandom.current().nextInt(THREADS - 1) + 1)))
                    : done(registry.moveTo(guest, ThreadLocalRandom.current().nextBoolean() ? "games" : "lobby", null)));
            assertThat(done).hasSize(THREADS);
        }
        for (Member guest : guests) {
            assertThat(heardIn.get(guest)).containsExactly(guest.room());
        }
    }

    @Test
    void aKickedMemberIsAdmittedToTheDefaultRoomToldFirstWhyAndWhereItIs() {
        List<List<Notice>> firsts = new ArrayList<>();
        registry.deliverMovesTo(new Membership() {
            @Override
            public void admit(Room room, Member member, List<Notice> first) {
                firsts.add(first);
            }

            @Override
            public void remove(Room room, Member member) {
            }
        });
        Member alice = join("alice");
        Member bob = join("bob");
        join("carol");
        done(registry.create(alice, "games"));
        done(registry.moveTo(bob, "games", null));
        assertThat(firsts).allSatisfy(first -> assertThat(first).isEmpty());
        firsts.clear();

        done(registry.kick(alice, "bob"));

        assertThat(firsts).containsExactly(List.of(new Notice.KickedOut("games", "alice"),
                new Notice.Entered("lobby", List.of("carol"), null, false)));
    }

    @Test
    void twoCreatorsOfOneRoomAtTheSameInstantMakeOneRoom() throws Exception {
        for (int round = 0; round < 50; round++) {
            List<Member> creators = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                creators.add(join("c" + round + "-" + i));
            }
            String room = "race" + round;
            List<RoomChange> results = runAtOnce(creators, member -> done(registry.create(member, room)));
            assertThat(results).filteredOn(RoomChange.Moved.class::isInstance).hasSize(1);
            assertThat(results).filteredOn(RoomChange.RoomExists.class::isInstance).hasSize(THREADS - 1);
        }
    }

    @Test
    void oneNameClaimedByManyAtOnceGoesToOne() throws Exception {
        for (int round = 0; round < 50; round++) {
            String name = "name" + round;
            List<NameChange> results = runAtOnce(Collections.nCopies(THREADS, "claimer"), ignored -> claim(name));
            assertThat(results).filteredOn(NameChange.Claimed.class::isInstance).hasSize(1);
        }
        assertThat(registry.memberCount()).isEqualTo(50);
    }

    @Test
    void contentionOverFewRoomsLosesAndDoublesNothing() throws Exception {
        String[] rooms = {"lobby", "a", "b", "c"};
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 2_000; i++) {
                    Member member = join("t" + thread + "-" + i);
                    for (int step = 0; step < 5; step++) {
                        String room = rooms[random.nextInt(rooms.length)];
                        enter(member, room);
                        assertThat(member.room().key()).isEqualTo(room);
                    }
                    if (random.nextBoolean()) {
                        done(registry.leave(member));
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }
        assertConsistent();
    }

    /**
     * Moves {@code member} into {@code room}, creating it if it does not exist. Another thread may
     * remove the room between a refused move and the creation, or create it first: then try again.
     */
    private void enter(Member member, String room) {
        while (true) {
            RoomChange moved = done(registry.moveTo(member, room, null));
            if (moved instanceof RoomChange.Moved || moved instanceof RoomChange.AlreadyThere
                    || done(registry.create(member, room)) instanceof RoomChange.Moved) {
                return;
            }
        }
    }

    /** Every listed room is the default one or has members; every member is where its room says. */
    private void assertConsistent() {
        List<Room> rooms = registry.rooms();
        assertThat(rooms).extracting(Room::key).doesNotHaveDuplicates();
        int members = 0;
        for (Room room : rooms) {
            assertThat(room == registry.defaultRoom() || !room.isEmpty()).as("room %s", room).isTrue();
            assertThat(done(registry.checkEntry(room.name(), null))).isEqualTo(new RoomChange.Open(room));
            members += room.memberNames().size();
        }
        assertThat(members).isEqualTo(registry.memberCount());
    }

    private <T, R> List<R> runAtOnce(List<T> inputs, java.util.function.Function<T, R> action) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<R>> futures = new ArrayList<>();
        for (T input : inputs) {
            Callable<R> task = () -> {
                start.await();
                return action.apply(input);
            };
            futures.add(pool.submit(task));
        }
        start.countDown();
        List<R> results = new ArrayList<>();
        for (Future<R> future : futures) {
            results.add(future.get(10, TimeUnit.SECONDS));
        }
        return results;
    }
}
