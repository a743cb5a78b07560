// One DDR4 channel's controller logic without SystemC: read and write queues (with overflow
// waiting for a slot), write draining between watermarks, all-bank refresh per rank, and a
// Scheduler and PagePolicy choosing commands on the Ddr4Timeline. Event-driven: it jumps from
// one command to the next instead of ticking, and gives the same commands for the same inputs.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "dram/ddr4_config.h"
#include "dram/ddr4_timeline.h"
#include "dram/dram_stats.h"
#include "dram/dram_types.h"
#include "dram/page_policy.h"
#include "dram/scheduler.h"

namespace memvp {

struct DramRequest {
  std::uint64_t id = 0;  // the caller's tag, echoed in DramEvent
  bool write = false;
  DramCoord coord;
  Cycles arrival{0};
  Cycles lag{0};  // set by enqueue(): how late (behind the channel's now()) it was added
};

struct DramEvent {
  std::uint64_t id;
  bool write;
  Cycles arrival;
  Cycles at;   // accepted: the cycle it entered the queue; completed: the end of its data burst
  Cycles lag;  // the request's lag: to the caller the event happened at `at - lag`
};

// One issued command, for waveforms and command traces. REF carries only the rank.
struct DramCommandRecord {
  Cycles at;
  DramCommand cmd;
  DramCoord coord;
  bool auto_precharge;  // RD/WR: RDA/WRA
};
using DramCommandObserver = std::function<void(const DramCommandRecord&)>;

class Ddr4Channel {
 public:
  Ddr4Channel(const Ddr4Config& cfg, ChannelId id, DramStats& stats);

  // Adds a request. One that arrives before now() (its decision cycles are already past: another
  // initiator ran ahead in time) is served as if it had arrived at now(); its events are reported
  // `lag` cycles early, where lag = now() - arrival less the data-bus time of the requests that
  // arrived before it and finished after its arrival (those it would have waited for). So it pays
  // the contention of its time, not the other initiator's lead.
  void enqueue(const DramRequest& r);
  // Issues, in cycle order, every command whose cycle is <= until; afterwards now() > until.
  void run_until(Cycles until);
  // Issues commands until no request is queued or waiting.
  void drain();
  // Cycle of the next command if no further request arrives; kNever when no request waits.
  [[nodiscard]] Cycles next_command_cycle() const;

  std::vector<DramEvent> take_accepted();   // requests that entered a queue
  std::vector<DramEvent> take_completed();  // requests whose RD/WR issued (with burst end)

  // Called for every command this channel issues, in issue order.
  void set_command_observer(DramCommandObserver obs) { observer_ = std::move(obs); }

  [[nodiscard]] Cycles now() const { return now_; }
  [[nodiscard]] bool busy() const;
  [[nodiscard]] std::size_t queued() const { return reads_.size() + writes_.size(); }
  [[nodiscard]] const Ddr4Timeline& timeline() const { return timeline_; }

 private:
  // decide()'s working vectors, reused so that a decision allocates nothing.
  struct Scratch {
    std::vector<SchedCandidate> cands;
    std::vector<std::size_t> index;
    std::vector<DramCommand> cmds;
  };
  mutable Scratch scratch_;

  struct Entry {
    DramRequest req;
    std::uint64_t seq;
    Cycles entered;
    std::uint32_t passed = 0;  // younger requests to this bank served before it
    bool classified = false;   // row outcome already counted
  };
  enum class Kind { RefreshPre, Refresh, Request };
  struct Decision {
    Cycles at;
    Kind kind;
    DramCommand cmd;
    DramCoord coord;
    bool write_queue = false;  // Request: which queue
    std::size_t index = 0;     // Request: position in that queue
  };

  // decide()'s last result. Between its start cycle and its cycle no candidate becomes ready
  // and no refresh falls due (those cycles are the steps of its search), so while the queues,
  // the timeline and the refresh schedule are unchanged (version_), any start in
  // [from, decision->at] finds the same command; a "none" stays none from any later start.
  struct LastDecision {
    bool valid = false;
    std::uint64_t version = 0;
    bool with_idle_refresh = false;
    Cycles from{0};
    std::optional<Decision> decision;
  };
  mutable LastDecision last_;
  std::uint64_t version_ = 0;  // bumped by every change decide() depends on

  // The next command from now(): the last decision while nothing has changed since it was made
  // (decide_from() otherwise).
  [[nodiscard]] std::optional<Decision> decide(bool with_idle_refresh) const;
  [[nodiscard]] std::optional<Decision> decide_from(Cycles t, bool with_idle_refresh) const;
  void build_candidates(const std::deque<Entry>& q, Cycles t) const;
  [[nodiscard]] bool advance_candidates(Cycles from, Cycles t) const;
  void changed() { ++version_; }
  [[nodiscard]] std::optional<Decision> refresh_decision(Cycles t, Cycles& next) const;
  [[nodiscard]] bool refresh_pending(Rank r, Cycles t) const;
  [[nodiscard]] const std::deque<Entry>* active_queue() const;
  void execute(const Decision& d);
  void execute_column(const Decision& d, std::deque<Entry>& q);
  void admit(std::deque<Entry>& q, std::deque<DramRequest>& overflow, std::uint32_t depth,
             Cycles at);
  void update_write_mode();
  void observe(const Decision& d, bool auto_precharge = false) const;
  [[nodiscard]] bool row_wanted(const DramCoord& c, std::uint64_t except_seq) const;
  [[nodiscard]] Cycles predecessor_bus_time(Cycles arrival) const;

  const Ddr4Config& cfg_;
  ChannelId id_;
  DramStats& stats_;
  Ddr4Timeline timeline_;
  std::unique_ptr<Scheduler> scheduler_;
  std::unique_ptr<PagePolicy> page_policy_;
  std::deque<Entry> reads_, writes_;                        // queued, oldest first
  std::deque<DramRequest> read_overflow_, write_overflow_;  // waiting for a slot
  std::vector<Cycles> refresh_due_;                         // per rank
  std::vector<DramEvent> accepted_, completed_;
  struct Served {
    Cycles arrival, done;
  };
  std::deque<Served> recent_;  // the last kRecent requests served, for late arrivals' lag
  std::uint64_t next_seq_ = 0;
  bool draining_writes_ = false;
  Cycles now_{0};
  Cycles occupancy_from_{0};
  DramCommandObserver observer_;
};

}  // namespace memvp
