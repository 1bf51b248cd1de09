// SPDX-License-Identifier: Apache-2.0
//
// Parallel runs hammering one state file, as threads with their own instances
// and as separate processes: every token created is listed afterwards, and no
// id is handed out twice. One instance shared by threads is tolerated too.

#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <thread>

#include "mock_harness.hpp"

namespace influxctl::mock_test {
namespace {

// Checks that `listed` holds exactly the `created` ids, each once.
void ExpectAllPresentAndUnique(const std::vector<ManagementToken>& listed,
                               const std::vector<std::string>& created) {
  std::set<std::string> listed_ids;
  for (const ManagementToken& token : listed) {
    listed_ids.insert(token.id);
  }
  EXPECT_EQ(listed_ids.size(), listed.size()) << "an id was listed twice";
  const std::set<std::string> created_ids(created.begin(), created.end());
  EXPECT_EQ(created_ids.size(), created.size()) << "an id was handed out twice";
  EXPECT_EQ(listed_ids, created_ids);
}

TEST_F(MockTest, ThreadsWithTheirOwnInstancesShareOneStateFile) {
  constexpr int kThreads = 8;
  constexpr int kCreatesEach = 40;
  std::vector<std::vector<std::string>> ids(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t, &ids] {
      auto instance = MakeInstance(WithStateFile(), {}, false).value();
      for (int i = 0; i < kCreatesEach; ++i) {
        Result<CreatedToken> created = instance->transport->Create({});
        ASSERT_TRUE(created.ok()) << created.error().message();
        ids[t].push_back(created.value().token.id);
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }

  std::vector<std::string> all;
  for (const auto& some : ids) {
    all.insert(all.end(), some.begin(), some.end());
  }
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kThreads * kCreatesEach));
  auto reader = Make(WithStateFile());
  ExpectAllPresentAndUnique(reader->transport->List().value(), all);
}

TEST_F(MockTest, ProcessesShareOneStateFile) {
  constexpr int kProcesses = 6;
  constexpr int kCreatesEach = 30;
  MockDescriptor();  // loaded before fork, so children need not load it

  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    const std::filesystem::path ids_file = dir_ / ("ids-" + std::to_string(p));
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      // The child reports through its exit status and its ids file only.
      int status = 0;
      {
        Result<std::unique_ptr<MockInstance>> made = MakeInstance(WithStateFile(), {}, false);
        if (!made.ok()) {
          ::_exit(2);
        }
        std::ofstream out(ids_file);
        for (int i = 0; i < kCreatesEach; ++i) {
          Result<CreatedToken> created = made.value()->transport->Create({});
          if (!created.ok()) {
            status = 3;
            break;
          }
          out << created.value().token.id << '\n';
        }
      }
      ::_exit(status);
    }
    children.push_back(pid);
  }

  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  std::vector<std::string> all;
  for (int p = 0; p < kProcesses; ++p) {
    std::vector<std::string> some = ReadLines(dir_ / ("ids-" + std::to_string(p)));
    EXPECT_EQ(some.size(), static_cast<std::size_t>(kCreatesEach));
    all.insert(all.end(), some.begin(), some.end());
  }
  auto reader = Make(WithStateFile());
  ExpectAllPresentAndUnique(reader->transport->List().value(), all);
}

TEST_F(MockTest, MixedCallsFromParallelRunsKeepEveryRevoke) {
  constexpr int kThreads = 4;
  constexpr int kRoundsEach = 20;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this] {
      auto instance = MakeInstance(WithStateFile(), {}, false).value();
      for (int i = 0; i < kRoundsEach; ++i) {
        Result<CreatedToken> created = instance->transport->Create({});
        ASSERT_TRUE(created.ok()) << created.error().message();
        ASSERT_TRUE(instance->transport->List().ok());
        Status revoked = instance->transport->Revoke(created.value().token.id);
        ASSERT_TRUE(revoked.ok()) << revoked.error().message();
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  auto reader = Make(WithStateFile());
  std::vector<ManagementToken> listed = reader->transport->List().value();
  EXPECT_EQ(listed.size(), static_cast<std::size_t>(kThreads * kRoundsEach));
  for (const ManagementToken& token : listed) {
    EXPECT_TRUE(token.revoked_at.has_value()) << token.id;
  }
}

TEST_F(MockTest, OneInstanceToleratesSeveralThreads) {
  auto instance = MakeInstance(DefaultSettings(), {}, false).value();
  constexpr int kThreads = 8;
  constexpr int kCreatesEach = 1000;
  std::vector<std::vector<std::string>> ids(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&instance, &ids, t] {
      for (int i = 0; i < kCreatesEach; ++i) {
        ids[t].push_back(instance->transport->Create({}).value().token.id);
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  std::vector<std::string> all;
  for (const auto& some : ids) {
    all.insert(all.end(), some.begin(), some.end());
  }
  ExpectAllPresentAndUnique(instance->transport->List().value(), all);
}

}  // namespace
}  // namespace influxctl::mock_test
