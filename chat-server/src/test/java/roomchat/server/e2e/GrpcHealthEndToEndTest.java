package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.ChatServer;
import roomchat.server.ServerConfig;

/**
 * The gRPC door's standard services, with grpc-java's generated stubs for them, as generic tools
 * (grpc-health-probe, grpcurl) use them: health {@code SERVING} while the server serves and
 * {@code NOT_SERVING} when it is shutting down or its cluster's Redis is gone; reflection lists the
 * chat service and gives its proto file.
 */
class GrpcHealthEndToEndTest {

    /** How often health is looked at in these tests: a watcher hears of a change within this. */
    private static final Duration HEALTH_INTERVAL = Duration.ofMillis(50);

    private ManagedChannel channel;

    @AfterEach
    void closeChannel() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(LineClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static HealthCheckRequest service(String name) {
        return HealthCheckRequest.newBuilder().setService(name).build();
    }

    /** The statuses a {@code Watch} call is sent, handed over from gRPC's threads. */
    private static BlockingQueue<ServingStatus> watch(ManagedChannel channel, String service) {
        BlockingQueue<ServingStatus> statuses = new LinkedBlockingQueue<>();
        HealthGrpc.newStub(channel).watch(service(service), new StreamObserver<>() {
            @Override
            public void onNext(HealthCheckResponse response) {
                statuses.add(response.getStatus());
            }

            @Override
            public void onError(Throwable failure) {
            }

            @Override
            public void onCompleted() {
            }
        });
        return statuses;
    }

    private static ServingStatus next(BlockingQueue<ServingStatus> statuses) throws InterruptedException {
        ServingStatus status = statuses.poll(LineClient.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        assertThat(status).as("a health status within " + LineClient.TIMEOUT).isNotNull();
        return status;
    }

    @Nested
    class OneServer {

        @RegisterExtension
        final RunningServer server = new RunningServer(config -> {
            config.grpcPort = ServerConfig.ANY_FREE_PORT;
            config.grpcHealthInterval = HEALTH_INTERVAL;
            // Long, so that a shutdown that waited for the health watch to end would show.
            config.shutdownTimeout = Duration.ofSeconds(30);
        });

        @Test
        void theServerAndTheChatServiceAreServing() {
            channel = GrpcClient.channelTo(server.server().grpcAddress());
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(LineClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(health.check(service("")).getStatus()).isEqualTo(ServingStatus.SERVING);
            assertThat(health.check(service("roomchat.v1.Chat")).getStatus()).isEqualTo(ServingStatus.SERVING);
        }

        @Test
        void aWatcherHearsNotServingAtShutdownWhichDoesNotWaitForTheWatchToEnd() throws Exception {
            channel = GrpcClient.channelTo(server.server().grpcAddress());
            BlockingQueue<ServingStatus> statuses = watch(channel, "roomchat.v1.Chat");
            assertThat(next(statuses)).isEqualTo(ServingStatus.SERVING);

            ChatServer chat = server.server();
            long start = System.nanoTime();
            CompletableFuture<Void> closed = CompletableFuture.runAsync(chat::close);
            assertThat(next(statuses)).isEqualTo(ServingStatus.NOT_SERVING);
            closed.get(LineClient.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            // The watch is cancelled once the chat calls are over (there are none), not after the 30s grace.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LineClient.TIMEOUT);
        }

        @Test
        void reflectionListsTheChatServiceAndGivesItsProtoFile() throws Exception {
            channel = GrpcClient.channelTo(server.server().grpcAddress());
            List<ServerReflectionResponse> answers = reflect(channel,
                    ServerReflectionRequest.newBuilder().setListServices("*").build(),
                    ServerReflectionRequest.newBuilder().setFileContainingSymbol("roomchat.v1.Chat").build());

            assertThat(answers.get(0).getListServicesResponse().getServiceList())
                    .extracting(ServiceResponse::getName)
                    .contains("roomchat.v1.Chat", "grpc.health.v1.Health");
            com.google.protobuf.DescriptorProtos.FileDescriptorProto file = com.google.protobuf.DescriptorProtos
                    .FileDescriptorProto.parseFrom(answers.get(1).getFileDescriptorResponse().getFileDescriptorProto(0));
            assertThat(file.getName()).isEqualTo("roomchat/v1/chat.proto");
            assertThat(file.getServiceList()).extracting(s -> s.getName()).containsExactly("Chat");
        }
    }

    @Nested
    class Cluster {

        @RegisterExtension
        final RunningCluster cluster = new RunningCluster(1, config -> {
            config.grpcPort = ServerConfig.ANY_FREE_PORT;
            config.grpcHealthInterval = HEALTH_INTERVAL;
        });

        @Test
        void aNodeWhoseRedisIsGoneIsNotServingUntilItIsBack() throws Exception {
            channel = GrpcClient.channelTo(cluster.node(0).grpcAddress());
            BlockingQueue<ServingStatus> statuses = watch(channel, "");
            assertThat(next(statuses)).isEqualTo(ServingStatus.SERVING);

            cluster.redis().stop();
            assertThat(next(statuses)).isEqualTo(ServingStatus.NOT_SERVING);
            cluster.redis().start();
            assertThat(next(statuses)).isEqualTo(ServingStatus.SERVING);
        }
    }

    /** Sends {@code requests} on one reflection call and returns its answers, one each, in order. */
    private static List<ServerReflectionResponse> reflect(ManagedChannel channel, ServerReflectionRequest... requests)
            throws Exception {
        BlockingQueue<ServerReflectionResponse> answers = new LinkedBlockingQueue<>();
        StreamObserver<ServerReflectionRequest> call = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        answers.add(response);
                    }

                    @Override
                    public void onError(Throwable failure) {
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        List<ServerReflectionResponse> received = new java.util.ArrayList<>();
        for (ServerReflectionRequest request : requests) {
            call.onNext(request);
            ServerReflectionResponse answer = answers.poll(LineClient.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            assertThat(answer).as("a reflection answer within " + LineClient.TIMEOUT).isNotNull();
            received.add(answer);
        }
        call.onCompleted();
        return received;
    }
}
