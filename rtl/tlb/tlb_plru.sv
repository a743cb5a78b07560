// Tree pseudo-LRU of one set, as combinational logic over the set's state (tlb_repl holds the
// state of every set): one bit per inner node of a binary tree over the ways (node 1 is the
// root, node n has children 2n and 2n+1; bit n-1 of the state holds node n). A bit set to 1
// points to the right half as the less recently used. A touch (hit or fill) sets the bits on
// the way's path to point away from it; the victim follows the bits from the root. Ways must
// be a power of two, at least 2.
module tlb_plru #(
  parameter int unsigned Ways = 4,
  localparam int unsigned WayBits = $clog2(Ways)
) (
  input  logic [Ways-2:0]    state_i,
  input  logic [WayBits-1:0] touch_way_i,
  output logic [Ways-2:0]    state_o,      // state_i after touching touch_way_i
  output logic [WayBits-1:0] victim_o      // of state_i
);

  always_comb begin
    state_o = state_i;
    for (int d = 0; d < WayBits; d++) begin
      // The node at depth d on the path to touch_way_i is 1 followed by its top d bits.
      state_o[((1 << d) | (touch_way_i >> (WayBits - d))) - 1] = ~touch_way_i[WayBits-1-d];
    end
  end

  // The walk from the root: node is 1 followed by the branches taken so far.
  logic [WayBits:0] node;
  always_comb begin
    node = 1;
    for (int d = 0; d < WayBits; d++) begin
      node = {node[WayBits-1:0], state_i[node-1]};
    end
    victim_o = node[WayBits-1:0];
  end

endmodule
