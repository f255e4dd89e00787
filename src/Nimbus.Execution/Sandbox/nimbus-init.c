/*
 * nimbus-init: PID 1 of a network-isolated Nimbus sandbox (bwrap --unshare-net --as-pid-1).
 *
 * The sandbox has its own network namespace with only a loopback interface, so the runtime cannot reach the host
 * or anything else. What it must reach (its Runtime API, the Nimbus edge endpoint) Nimbus serves on Unix sockets
 * bind-mounted into the sandbox; this program listens on 127.0.0.1:<port> inside the namespace for each of them and
 * relays every connection to its socket, so unmodified runtimes and SDKs keep using plain TCP addresses
 * (AWS_LAMBDA_RUNTIME_API=127.0.0.1:9001, AWS_ENDPOINT_URL=http://127.0.0.1:4566).
 *
 * Usage: nimbus-init [-f PORT=SOCKET]... -- COMMAND [ARG]...
 *
 * The listeners are bound before COMMAND starts (no race with a fast runtime); a socket is connected only when a
 * client connects (a stem cell's Runtime API socket appears once it is given a function). As PID 1 it also does what
 * bwrap's own init would: reaps orphans, and exits as COMMAND exits (128+N when COMMAND died of signal N), which
 * takes every other process of the namespace down with it. It is started in microseconds and costs ~100 KB.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_FORWARDS 8
#define BUFFER_SIZE 65536

struct forward {
    int listener;
    struct sockaddr_un target;
};

struct relay;

/* One end of a relayed connection; buffer holds what was read from fd and is still to be written to the other end. */
struct end {
    int fd;
    int side;
    struct relay *relay;
    size_t length;
    size_t offset;
    int read_closed;
    int write_shut;
    char buffer[BUFFER_SIZE];
};

struct relay {
    struct end ends[2];
    int closed;
    struct relay *next_closed;
};

static int epoll_fd;
/* Relays closed during one epoll batch; freed after it, since a later event of the batch may name the other end. */
static struct relay *closed_relays;
static struct forward forwards[MAX_FORWARDS];
static int forward_count;
static int signal_fd;
static pid_t child;

static void die(const char *what) {
    fprintf(stderr, "nimbus-init: %s: %s\n", what, strerror(errno));
    exit(127);
}

/* Tagged pointers for epoll: listeners and the signalfd carry small integers, relay ends their struct end. */
struct tag {
    int kind;
    int index;
};
static struct tag listener_tags[MAX_FORWARDS];
static struct tag signal_tag = {2, 0};

static void update(struct end *e) {
    struct end *other = &e->relay->ends[1 - e->side];
    struct epoll_event event = {0};
    if (e->length == 0 && !e->read_closed) event.events |= EPOLLIN;
    if (other->length > other->offset) event.events |= EPOLLOUT;
    event.data.ptr = e;
    epoll_ctl(epoll_fd, EPOLL_CTL_MOD, e->fd, &event);
}

static void close_relay(struct relay *r) {
    for (int i = 0; i < 2; i++) {
        epoll_ctl(epoll_fd, EPOLL_CTL_DEL, r->ends[i].fd, NULL);
        close(r->ends[i].fd);
    }
    r->closed = 1;
    r->next_closed = closed_relays;
    closed_relays = r;
}

/* True when the relay is finished (both directions drained and shut) or broken; the caller then closes it. */
static int pump(struct end *e, unsigned events) {
    struct end *other = &e->relay->ends[1 - e->side];
    if ((events & EPOLLIN) || ((events & (EPOLLHUP | EPOLLERR)) && !e->read_closed && e->length == 0)) {
        ssize_t n = read(e->fd, e->buffer, sizeof e->buffer);
        if (n > 0) {
            e->length = (size_t)n;
            e->offset = 0;
        } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
            e->read_closed = 1;
        }
    }
    /* Write what this end read to the other end, and what the other end read to this one. */
    for (int pass = 0; pass < 2; pass++) {
        struct end *from = pass == 0 ? e : other;
        struct end *to = pass == 0 ? other : e;
        while (from->offset < from->length) {
            ssize_t n = write(to->fd, from->buffer + from->offset, from->length - from->offset);
            if (n > 0) {
                from->offset += (size_t)n;
            } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
                break;
            } else {
                return 1;
            }
        }
        if (from->offset >= from->length) from->length = from->offset = 0;
        if (from->read_closed && from->length == 0 && !from->write_shut) {
            shutdown(to->fd, SHUT_WR);
            from->write_shut = 1;
        }
    }
    if (e->write_shut && other->write_shut) return 1;
    if ((events & EPOLLERR)) return 1;
    update(e);
    update(other);
    return 0;
}

static void add(int fd, struct end *e) {
    struct epoll_event event = {.events = EPOLLIN, .data.ptr = e};
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event);
}

static void accept_all(struct forward *f) {
    for (;;) {
        int client = accept4(f->listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (client < 0) return;
        int one = 1;
        setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        int upstream = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (upstream < 0 || connect(upstream, (struct sockaddr *)&f->target, sizeof f->target) != 0) {
            /* Nothing serves that socket (yet): the client sees the connection closed, as with a refused port. */
            if (upstream >= 0) close(upstream);
            close(client);
            continue;
        }
        struct relay *r = calloc(1, sizeof *r);
        if (r == NULL) {
            close(client);
            close(upstream);
            continue;
        }
        r->ends[0].fd = client;
        r->ends[1].fd = upstream;
        for (int i = 0; i < 2; i++) {
            r->ends[i].side = i;
            r->ends[i].relay = r;
            add(r->ends[i].fd, &r->ends[i]);
        }
    }
}

static void reap(void) {
    struct signalfd_siginfo info;
    while (read(signal_fd, &info, sizeof info) > 0) {
    }
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        if (pid == child) {
            /* As bwrap reports it: the exit status, or 128+N for death by signal N. */
            exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
        }
    }
}

static void listen_on(int index, const char *spec) {
    const char *equals = strchr(spec, '=');
    if (equals == NULL || strlen(equals + 1) >= sizeof forwards[0].target.sun_path) {
        fprintf(stderr, "nimbus-init: bad forward '%s' (PORT=SOCKET)\n", spec);
        exit(127);
    }
    struct forward *f = &forwards[index];
    f->target.sun_family = AF_UNIX;
    strcpy(f->target.sun_path, equals + 1);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(spec))};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    f->listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(f->listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (f->listener < 0 || bind(f->listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(f->listener, 128) != 0) {
        die("listen");
    }
    listener_tags[index] = (struct tag){1, index};
    struct epoll_event event = {.events = EPOLLIN, .data.ptr = &listener_tags[index]};
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, f->listener, &event);
}

int main(int argc, char **argv) {
    int i = 1;
    epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd < 0) die("epoll");
    for (; i + 1 < argc && strcmp(argv[i], "-f") == 0; i += 2) {
        if (forward_count == MAX_FORWARDS) {
            fprintf(stderr, "nimbus-init: too many forwards\n");
            return 127;
        }
        listen_on(forward_count++, argv[i + 1]);
    }
    if (i >= argc || strcmp(argv[i], "--") != 0 || i + 1 >= argc) {
        fprintf(stderr, "usage: nimbus-init [-f PORT=SOCKET]... -- COMMAND [ARG]...\n");
        return 127;
    }
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    signal(SIGPIPE, SIG_IGN);
    signal_fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    if (signal_fd < 0) die("signalfd");
    struct epoll_event event = {.events = EPOLLIN, .data.ptr = &signal_tag};
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, signal_fd, &event);

    child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
        /* The runtime gets default signal dispositions and none of this process's descriptors (all CLOEXEC). */
        signal(SIGPIPE, SIG_DFL);
        sigprocmask(SIG_UNBLOCK, &mask, NULL);
        execvp(argv[i + 1], argv + i + 1);
        fprintf(stderr, "nimbus-init: exec %s: %s\n", argv[i + 1], strerror(errno));
        _exit(127);
    }

    struct epoll_event events[64];
    for (;;) {
        int n = epoll_wait(epoll_fd, events, 64, -1);
        if (n < 0 && errno != EINTR) die("epoll_wait");
        for (int k = 0; k < n; k++) {
            void *ptr = events[k].data.ptr;
            if (ptr == &signal_tag) {
                reap();
            } else if (ptr >= (void *)listener_tags && ptr < (void *)(listener_tags + MAX_FORWARDS)) {
                accept_all(&forwards[((struct tag *)ptr)->index]);
            } else {
                struct end *e = ptr;
                if (!e->relay->closed && pump(e, events[k].events)) close_relay(e->relay);
            }
        }
        while (closed_relays != NULL) {
            struct relay *r = closed_relays;
            closed_relays = r->next_closed;
            free(r);
        }
    }
}
