// First-in first-out order of one set, as combinational logic over the set's state (tlb_repl
// holds the state of every set): each way holds its rank in fill order (0 = filled longest
// ago), way w's at [w*WayBits +: WayBits]. A fill moves its way to the newest rank and the
// ways that were newer move down one, so the ranks stay a permutation; the victim is the way
// of rank 0. Hits do not change the order. Invalidations need not: the victim is only asked
// for when every way is valid, and by then every way has been filled since it was last
// invalidated. Ways must be at least 2; the reset state is way w at rank w.
module tlb_fifo #(
  parameter int unsigned Ways = 4,
  localparam int unsigned WayBits = $clog2(Ways)
) (
  input  logic [Ways*WayBits-1:0] state_i,
  input  logic [WayBits-1:0]      fill_way_i,
  output logic [Ways*WayBits-1:0] state_o,   // state_i after a fill of fill_way_i
  output logic [WayBits-1:0]      victim_o   // of state_i
);

  logic [WayBits-1:0] fill_rank;
  assign fill_rank = state_i[fill_way_i*WayBits +: WayBits];

  always_comb begin
    state_o = state_i;
    for (int w = 0; w < Ways; w++) begin
      if (WayBits'(w) == fill_way_i) state_o[w*WayBits +: WayBits] = WayBits'(Ways - 1);
      else if (state_i[w*WayBits +: WayBits] > fill_rank)
        state_o[w*WayBits +: WayBits] = state_i[w*WayBits +: WayBits] - 1'b1;
    end
  end

  always_comb begin
    victim_o = '0;
    for (int w = 0; w < Ways; w++) begin
      if (state_i[w*WayBits +: WayBits] == '0) victim_o = WayBits'(w);
    end
  end

endmodule
