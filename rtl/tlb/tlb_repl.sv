// The replacement state of every set, tree-PLRU or FIFO by the Replacement parameter
// (tlb_pkg::ReplTreePlru, ReplFifo): touched by a lookup hit (PLRU only) or a fill in one
// set per cycle, and asked for the victim of the set a fill goes to. The sets' states are
// one register; the policy's logic (tlb_plru, tlb_fifo) is instantiated once, on the set of
// this cycle's fill or else its hit, so that a cycle evaluates one set, not every set.
module tlb_repl #(
  parameter int unsigned NumSets = 4,
  parameter int unsigned NumWays = 4,
  parameter int unsigned Replacement = tlb_pkg::ReplTreePlru,
  localparam int unsigned SetBits = NumSets > 1 ? $clog2(NumSets) : 1,
  localparam int unsigned WayBits = $clog2(NumWays)
) (
  input  logic               clk_i,
  input  logic               rst_ni,
  input  logic               hit_i,
  input  logic [SetBits-1:0] hit_set_i,
  input  logic [WayBits-1:0] hit_way_i,
  input  logic               fill_i,
  input  logic [SetBits-1:0] fill_set_i,
  input  logic [WayBits-1:0] fill_way_i,
  output logic [WayBits-1:0] victim_o  // of fill_set_i, while fill_i
);

  // Tree-PLRU keeps ways - 1 bits a set, FIFO a rank per way.
  localparam int unsigned StateBits = Replacement == tlb_pkg::ReplFifo ? NumWays * WayBits : NumWays - 1;

  // Way w's state at reset: PLRU all zeros (the victim is way 0), FIFO way w at rank w.
  function automatic logic [StateBits-1:0] reset_state();
    reset_state = '0;
    if (Replacement == tlb_pkg::ReplFifo) begin
      for (int w = 0; w < NumWays; w++) reset_state[w*WayBits +: WayBits] = WayBits'(w);
    end
  endfunction

  logic [NumSets*StateBits-1:0] state_q;  // set s's state at [s*StateBits +: StateBits]
  logic [SetBits-1:0]           set;      // the set this cycle acts on
  logic                         touch;
  logic [WayBits-1:0]           touch_way;
  logic [StateBits-1:0]         set_state, set_next;

  // Only one of hit_i and fill_i is set in a cycle (the tlb serves one request a cycle).
  assign set       = fill_i ? fill_set_i : hit_set_i;
  assign set_state = state_q[set*StateBits +: StateBits];

  if (Replacement == tlb_pkg::ReplFifo) begin : gen_fifo
    logic unused_hit;  // FIFO order ignores hits
    assign unused_hit = ^{hit_i, hit_way_i};
    assign touch      = fill_i;
    assign touch_way  = fill_way_i;
    tlb_fifo #(.Ways(NumWays)) i_fifo (
      .state_i   (set_state),
      .fill_way_i(touch_way),
      .state_o   (set_next),
      .victim_o
    );
  end else begin : gen_plru
    assign touch     = hit_i || fill_i;
    assign touch_way = fill_i ? fill_way_i : hit_way_i;
    tlb_plru #(.Ways(NumWays)) i_plru (
      .state_i    (set_state),
      .touch_way_i(touch_way),
      .state_o    (set_next),
      .victim_o
    );
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni)    state_q <= {NumSets{reset_state()}};
    else if (touch) state_q[set*StateBits +: StateBits] <= set_next;
  end

endmodule
