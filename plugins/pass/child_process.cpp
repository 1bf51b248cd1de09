// SPDX-License-Identifier: Apache-2.0
//
// Child processes (see child_process.hpp). posix_spawn starts the child in a
// process group of its own, with default signal handling and its three
// standard streams on pipes; every other descriptor of this process is
// close-on-exec and stays behind. One loop then feeds stdin, drains stdout
// and stderr and watches for the exit, so a child that fills a pipe cannot
// stall it, and a daemon the child leaves behind holding a pipe (gpg-agent)
// cannot keep it waiting.

#include "child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <influxctl/time.hpp>

#include "printable_text.hpp"

extern char** environ;

namespace influxctl::pass {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A file descriptor that closes itself.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      Close();
      fd_ = other.fd_;
      other.fd_ = -1;
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { Close(); }

  int get() const { return fd_; }
  bool open() const { return fd_ >= 0; }
  void Close() {
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read;
  Fd write;
};

Result<Pipe> MakePipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return Error::Output(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  return Pipe{Fd(fds[0]), Fd(fds[1])};
}

void SetNonBlocking(const Fd& fd) {
  int flags = ::fcntl(fd.get(), F_GETFL);
  ::fcntl(fd.get(), F_SETFL, flags | O_NONBLOCK);
}

// Writing to a pipe whose reader has gone raises SIGPIPE, which would end
// influxctl. It stays blocked in this thread while the child runs; one that
// arrived meanwhile is taken off before the old mask comes back.
class SigpipeBlocked {
 public:
  SigpipeBlocked() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &set_, &previous_);
  }
  ~SigpipeBlocked() {
    timespec zero{};
    while (::sigtimedwait(&set_, nullptr, &zero) > 0) {
    }
    ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeBlocked(const SigpipeBlocked&) = delete;
  SigpipeBlocked& operator=(const SigpipeBlocked&) = delete;

 private:
  sigset_t set_;
  sigset_t previous_;
};

// Owns the posix_spawn attribute objects for one start.
class SpawnSetup {
 public:
  SpawnSetup() {
    ::posix_spawn_file_actions_init(&actions_);
    ::posix_spawnattr_init(&attr_);
  }
  ~SpawnSetup() {
    ::posix_spawn_file_actions_destroy(&actions_);
    ::posix_spawnattr_destroy(&attr_);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;

  posix_spawn_file_actions_t actions_;
  posix_spawnattr_t attr_;
};

std::vector<char*> Pointers(const std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (const std::string& text : strings) {
    pointers.push_back(const_cast<char*>(text.c_str()));
  }
  pointers.push_back(nullptr);
  return pointers;
}

// Reads what is there now; false once the pipe is at its end.
bool Drain(Fd& fd, std::string& into) {
  char buffer[4096];
  while (true) {
    ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got > 0) {
      std::size_t room = kCapturedBytes - std::min(kCapturedBytes, into.size());
      into.append(buffer, std::min(room, static_cast<std::size_t>(got)));
      continue;
    }
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return true;
    }
    fd.Close();
    return false;
  }
}

Result<pid_t> Spawn(const ChildCommand& command, Pipe& in, Pipe& out, Pipe& err) {
  SpawnSetup setup;
  ::posix_spawn_file_actions_adddup2(&setup.actions_, in.read.get(), STDIN_FILENO);
  ::posix_spawn_file_actions_adddup2(&setup.actions_, out.write.get(), STDOUT_FILENO);
  ::posix_spawn_file_actions_adddup2(&setup.actions_, err.write.get(), STDERR_FILENO);

  // Its own process group, so a timeout can end it with everything it
  // started; default handling of the signals influxctl may block or ignore.
  sigset_t none;
  sigemptyset(&none);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int signal : {SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD}) {
    sigaddset(&defaults, signal);
  }
  ::posix_spawnattr_setflags(
      &setup.attr_, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  ::posix_spawnattr_setpgroup(&setup.attr_, 0);
  ::posix_spawnattr_setsigmask(&setup.attr_, &none);
  ::posix_spawnattr_setsigdefault(&setup.attr_, &defaults);

  std::vector<std::string> argv{command.program};
  argv.insert(argv.end(), command.args.begin(), command.args.end());
  std::vector<char*> argv_pointers = Pointers(argv);
  std::vector<char*> env_pointers = Pointers(command.env);
  pid_t pid = -1;
  int failed = ::posix_spawn(&pid, command.program.c_str(), &setup.actions_, &setup.attr_,
                             argv_pointers.data(), env_pointers.data());
  if (failed != 0) {
    return Error::Output("cannot run " + command.program + ": " + std::strerror(failed));
  }
  return pid;
}

}  // namespace

Result<ChildOutcome> RunChild(const ChildCommand& command, std::string_view stdin_bytes) {
  auto in = MakePipe();
  auto out = MakePipe();
  auto err = MakePipe();
  for (const auto* pipe : {&in, &out, &err}) {
    if (!pipe->ok()) {
      return pipe->error();
    }
  }
  SigpipeBlocked sigpipe_blocked;
  auto started = Spawn(command, in.value(), out.value(), err.value());
  if (!started.ok()) {
    return started.error();
  }
  const pid_t pid = started.value();
  const Clock::time_point deadline = Clock::now() + command.timeout;

  // The child's ends belong to the child now.
  in.value().read.Close();
  out.value().write.Close();
  err.value().write.Close();
  Fd& to_child = in.value().write;
  Fd& from_out = out.value().read;
  Fd& from_err = err.value().read;
  SetNonBlocking(to_child);
  SetNonBlocking(from_out);
  SetNonBlocking(from_err);

  ChildOutcome outcome;
  std::size_t written = 0;
  int status = 0;
  bool exited = false;
  milliseconds nap(1);
  while (true) {
    if (to_child.open() && written == stdin_bytes.size()) {
      to_child.Close();  // end of input: pass insert --multiline reads until it
    }

    pid_t reaped = ::waitpid(pid, &status, WNOHANG);
    if (reaped == pid) {
      exited = true;
      break;
    }
    if (reaped < 0 && errno == ECHILD) {
      break;  // reaped elsewhere (SIGCHLD ignored): the status is lost, so not a success
    }
    auto remaining = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    if (remaining <= milliseconds(0)) {
      outcome.timed_out = true;
      if (::kill(-pid, SIGKILL) != 0) {
        ::kill(pid, SIGKILL);
      }
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }

    // Wait for the pipes, but wake up now and then to see whether it ended.
    pollfd fds[3];
    nfds_t count = 0;
    if (to_child.open()) {
      fds[count++] = {to_child.get(), POLLOUT, 0};
    }
    if (from_out.open()) {
      fds[count++] = {from_out.get(), POLLIN, 0};
    }
    if (from_err.open()) {
      fds[count++] = {from_err.get(), POLLIN, 0};
    }
    int wait_ms = static_cast<int>(std::min(nap, remaining).count());
    nap = std::min(nap * 2, milliseconds(20));
    int ready = ::poll(fds, count, wait_ms);
    if (ready <= 0) {
      continue;
    }
    nap = milliseconds(1);
    for (nfds_t i = 0; i < count; ++i) {
      if (fds[i].revents == 0) {
        continue;
      }
      if (fds[i].fd == to_child.get()) {
        std::size_t chunk = std::min<std::size_t>(stdin_bytes.size() - written, 16384);
        ssize_t put = ::write(to_child.get(), stdin_bytes.data() + written, chunk);
        if (put > 0) {
          written += static_cast<std::size_t>(put);
        } else if (put < 0 && errno != EAGAIN && errno != EINTR) {
          to_child.Close();  // it stopped reading (EPIPE); its exit status tells why
        }
      } else if (fds[i].fd == from_out.get()) {
        Drain(from_out, outcome.out);
      } else if (fds[i].fd == from_err.get()) {
        Drain(from_err, outcome.err);
      }
    }
  }

  // Whatever it wrote before it ended is still in the pipes.
  if (from_out.open()) {
    Drain(from_out, outcome.out);
  }
  if (from_err.open()) {
    Drain(from_err, outcome.err);
  }
  if (exited || outcome.timed_out) {
    if (WIFEXITED(status)) {
      outcome.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
      outcome.signal = WTERMSIG(status);
    }
  }
  return outcome;
}

std::string DescribeOutcome(const ChildOutcome& outcome, milliseconds timeout) {
  std::string text;
  if (outcome.timed_out) {
    text = "did not finish within " + FormatGoDuration(timeout) + " and was killed";
  } else if (outcome.signal != 0) {
    text = "was killed by signal " + std::to_string(outcome.signal);
  } else {
    text = outcome.exit_code >= 0 ? "exited with status " + std::to_string(outcome.exit_code)
                                  : std::string("ended, but its exit status was lost");
  }
  std::string said = PrintableText(outcome.err);
  if (said.empty()) {
    said = PrintableText(outcome.out);
  }
  if (!said.empty()) {
    text += ": " + said;
  }
  return text;
}

std::optional<std::string> FindExecutable(std::string_view command, std::string_view search_path) {
  auto runnable = [](const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
           ::access(path.c_str(), X_OK) == 0;
  };
  if (command.empty()) {
    return std::nullopt;
  }
  if (command.find('/') != std::string_view::npos) {
    std::string path(command);
    return runnable(path) ? std::optional(path) : std::nullopt;
  }
  while (true) {
    auto colon = search_path.find(':');
    std::string_view folder = search_path.substr(0, colon);
    // An empty entry would mean the working folder: never searched here.
    if (!folder.empty()) {
      std::string path = std::string(folder) + "/" + std::string(command);
      if (runnable(path)) {
        return path;
      }
    }
    if (colon == std::string_view::npos) {
      return std::nullopt;
    }
    search_path.remove_prefix(colon + 1);
  }
}

std::vector<std::string> CurrentEnvironment() {
  std::vector<std::string> env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    env.emplace_back(*entry);
  }
  return env;
}

}  // namespace influxctl::pass
