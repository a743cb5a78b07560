// The replacement state of every set, tree-PLRU or FIFO by the Replacement parameter
// (tlb_pkg::ReplTreePlru, ReplFifo): touched by a lookup hit (PLRU only) or a fill in one
// set per cycle, and asked for the victim of the set a fill goes to.
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
  output logic [WayBits-1:0] victim_o  // of fill_set_i
);

  logic [NumSets*WayBits-1:0] victim;  // set s's victim at [s*WayBits +: WayBits]

  for (genvar s = 0; s < NumSets; s++) begin : gen_set
    if (Replacement == tlb_pkg::ReplFifo) begin : gen_fifo
      logic unused_hit;  // FIFO order ignores hits
      assign unused_hit = ^{hit_i, hit_set_i, hit_way_i};
      tlb_fifo #(.Ways(NumWays)) i_fifo (
        .clk_i,
        .rst_ni,
        .fill_i    (fill_i && fill_set_i == SetBits'(s)),
        .fill_way_i(fill_way_i),
        .victim_o  (victim[s*WayBits +: WayBits])
      );
    end else begin : gen_plru
      // Only one of hit_i and fill_i is set in a cycle (the tlb serves one request a cycle).
      logic touch_hit, touch_fill;
      assign touch_hit  = hit_i && hit_set_i == SetBits'(s);
      assign touch_fill = fill_i && fill_set_i == SetBits'(s);
      tlb_plru #(.Ways(NumWays)) i_plru (
        .clk_i,
        .rst_ni,
        .touch_i    (touch_hit || touch_fill),
        .touch_way_i(touch_fill ? fill_way_i : hit_way_i),
        .victim_o   (victim[s*WayBits +: WayBits])
      );
    end
  end

  assign victim_o = victim[fill_set_i*WayBits +: WayBits];

endmodule
