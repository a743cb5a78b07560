// A set-associative TLB (fully associative when NumWays == NumEntries) holding leaf
// translations of the RV64 paged modes, in the style of CVA6's and Ibex's RTL.
//
// Each page size indexes the sets with its own virtual page number (VPN >> 9*level), and a
// lookup probes the set of every size the TLB holds in parallel; among several matching
// entries the smallest page size, then the lowest way wins. Lookups are registered: a request
// accepted at a rising edge is answered on the resp_* outputs during the next cycle (one
// cycle of latency). One request is served per cycle, flush before fill before lookup; a
// request presented with a higher-priority one is not accepted (its ready is low).
//
// Fills overwrite an entry of the same page, size and ASID (or the same global page) in place,
// else take the lowest invalid way of the set, else the replacement policy's victim.
// Flushes follow sfence.vma (RISC-V privileged spec §12.2.1): rs1 = x0 and rs2 = x0 removes
// every entry; rs2 = ASID removes that ASID's entries but never global ones; rs1 = VA removes
// the leaf entries mapping VA, of any page size, global or not; both removes the non-global
// entries of that ASID mapping VA. A flush takes effect at the edge that accepts it.
module tlb #(
  parameter int unsigned NumEntries = 16,
  parameter int unsigned NumWays = 16,
  parameter int unsigned AsidWidth = 16,        // Sv39/Sv48 satp.ASID is 16 bits (§12.1.11)
  parameter int unsigned VpnWidth = 27,         // 27 for Sv39, 36 for Sv48
  parameter int unsigned PpnWidth = 44,
  parameter logic [3:0] PageSizes = 4'b0111,    // bit i: holds pages of level i (4K, 2M, 1G, 512G)
  parameter int unsigned Replacement = tlb_pkg::ReplTreePlru,
  localparam int unsigned NumSets = NumEntries / NumWays,
  localparam int unsigned SetBits = NumSets > 1 ? $clog2(NumSets) : 1,
  localparam int unsigned WayBits = $clog2(NumWays),
  localparam int unsigned IdxBits = $clog2(NumEntries)
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,

  input  logic                 lookup_valid_i,
  output logic                 lookup_ready_o,
  input  logic [VpnWidth-1:0]  lookup_vpn_i,
  input  logic [AsidWidth-1:0] lookup_asid_i,
  input  tlb_pkg::access_e     lookup_access_i,

  output logic                 resp_valid_o,
  output logic                 resp_hit_o,
  output tlb_pkg::access_e     resp_access_o,  // the request's, for the requester's check
  output logic [VpnWidth-1:0]  resp_vpn_o,     // of the page base
  output logic [PpnWidth-1:0]  resp_ppn_o,     // of the page base
  output logic [1:0]           resp_size_o,    // a tlb_pkg::page_size_e
  output logic [AsidWidth-1:0] resp_asid_o,
  output logic                 resp_global_o,
  output tlb_pkg::pte_flags_t  resp_flags_o,

  input  logic                 fill_valid_i,
  output logic                 fill_ready_o,
  input  logic [VpnWidth-1:0]  fill_vpn_i,     // bits below the page size are ignored
  input  logic [PpnWidth-1:0]  fill_ppn_i,
  input  tlb_pkg::page_size_e  fill_size_i,    // a size the TLB does not hold is dropped
  input  logic [AsidWidth-1:0] fill_asid_i,
  input  logic                 fill_global_i,  // G of the leaf or inherited from the walk
  input  tlb_pkg::pte_flags_t  fill_flags_i,

  input  logic                 flush_valid_i,
  input  tlb_pkg::flush_kind_e flush_kind_i,
  input  logic [VpnWidth-1:0]  flush_vpn_i,
  input  logic [AsidWidth-1:0] flush_asid_i
);

  localparam int unsigned LevelBits = tlb_pkg::LevelBits;
  localparam int unsigned NumLevels = VpnWidth / LevelBits;
  localparam int unsigned FlagBits = tlb_pkg::PteFlagBits;

  // Tree-PLRU and the way index need a power-of-two way count; the set index is at most one
  // level's VPN bits, so that every page size indexes with bits of its own VPN field.
  if (NumWays < 2 || (NumWays & (NumWays - 1)) != 0 || NumEntries % NumWays != 0 ||
      (NumSets & (NumSets - 1)) != 0 || NumSets > (1 << LevelBits)) begin : gen_bad_geometry
    $error("tlb: NumWays must be a power of two >= 2 dividing NumEntries into at most 512 sets, a power of two");
  end

  // The entries, one array per field, entry i = set * NumWays + way. Arrays (not flat vectors)
  // let a fill write one element and a lookup read one per way, where vectors of NumEntries
  // fields would be copied and masked whole at every edge of a simulation. Only the valid bits
  // are reset: a field of an invalid entry is never read. Verilator keeps the registers
  // readable by name (tlb__DOT__valid_q, tlb__DOT__vpn_q, ...) for a co-simulation to list the
  // entries.
  logic [NumEntries-1:0] valid_q /*verilator public_flat_rd*/;
  logic                  global_q [0:NumEntries-1] /*verilator public_flat_rd*/;
  logic [VpnWidth-1:0]   vpn_q    [0:NumEntries-1] /*verilator public_flat_rd*/;
  logic [PpnWidth-1:0]   ppn_q    [0:NumEntries-1] /*verilator public_flat_rd*/;
  logic [1:0]            size_q   [0:NumEntries-1] /*verilator public_flat_rd*/;
  logic [AsidWidth-1:0]  asid_q   [0:NumEntries-1] /*verilator public_flat_rd*/;
  logic [FlagBits-1:0]   flags_q  [0:NumEntries-1] /*verilator public_flat_rd*/;

  // The VPN bits that select a page of this size (the bits below it are the offset).
  function automatic logic [VpnWidth-1:0] page_mask(logic [1:0] size);
    page_mask = {VpnWidth{1'b1}} << (LevelBits * size);
  endfunction

  function automatic logic [SetBits-1:0] set_of(logic [VpnWidth-1:0] vpn, logic [1:0] size);
    set_of = NumSets == 1 ? '0 : SetBits'(vpn >> (LevelBits * size));
  endfunction

  // Whether vpn lies in the page of this size at page_vpn.
  function automatic logic covers(logic [VpnWidth-1:0] page_vpn, logic [1:0] size,
                                  logic [VpnWidth-1:0] vpn);
    covers = ((page_vpn ^ vpn) & page_mask(size)) == '0;
  endfunction

  function automatic logic [IdxBits-1:0] index(logic [SetBits-1:0] set, int way);
    index = IdxBits'(set * NumWays + way);
  endfunction

  // The replacement state of a set (Replacement): tree-PLRU keeps NumWays - 1 bits, a binary
  // tree whose node n (root 1, children 2n and 2n + 1) is bit n - 1 and, set, points to the
  // right half as the less recently used; FIFO keeps each way's rank in fill order, way w's at
  // [w*WayBits +: WayBits] (0 = filled longest ago).
  localparam int unsigned PlruBits = NumWays - 1;
  localparam int unsigned FifoBits = NumWays * WayBits;
  localparam int unsigned StateBits = Replacement == tlb_pkg::ReplFifo ? FifoBits : PlruBits;

  // Tree-PLRU: a touch (hit or fill) points the bits on the way's path away from it; the node
  // at depth d on the path is 1 followed by the way's top d bits.
  function automatic logic [PlruBits-1:0] plru_touched(logic [PlruBits-1:0] state,
                                                       logic [WayBits-1:0] way);
    plru_touched = state;
    for (int d = 0; d < WayBits; d++) begin
      plru_touched[((1 << d) | (way >> (WayBits - d))) - 1] = ~way[WayBits-1-d];
    end
  endfunction

  // Tree-PLRU's victim: the walk from the root along the bits.
  function automatic logic [WayBits-1:0] plru_victim(logic [PlruBits-1:0] state);
    logic [WayBits:0] node;
    node = 1;
    for (int d = 0; d < WayBits; d++) node = {node[WayBits-1:0], state[node-1]};
    plru_victim = node[WayBits-1:0];
  endfunction

  // FIFO: a fill makes its way the newest and the ways that were newer move down one, so the
  // ranks stay a permutation. Hits do not change the order, nor need invalidations: a victim is
  // only asked for in a full set, whose ways were all filled after their last invalidation.
  function automatic logic [FifoBits-1:0] fifo_filled(logic [FifoBits-1:0] state,
                                                      logic [WayBits-1:0] way);
    logic [WayBits-1:0] rank;
    rank = state[way*WayBits +: WayBits];
    fifo_filled = state;
    for (int w = 0; w < NumWays; w++) begin
      if (WayBits'(w) == way) fifo_filled[w*WayBits +: WayBits] = WayBits'(NumWays - 1);
      else if (state[w*WayBits +: WayBits] > rank)
        fifo_filled[w*WayBits +: WayBits] = state[w*WayBits +: WayBits] - 1'b1;
    end
  endfunction

  // FIFO's victim: the way of rank 0.
  function automatic logic [WayBits-1:0] fifo_victim(logic [FifoBits-1:0] state);
    fifo_victim = '0;
    for (int w = 0; w < NumWays; w++) begin
      if (state[w*WayBits +: WayBits] == '0) fifo_victim = WayBits'(w);
    end
  endfunction

  // A set's state at reset: PLRU all zeros (the victim is way 0), FIFO way w at rank w.
  function automatic logic [StateBits-1:0] repl_reset();
    repl_reset = '0;
    if (Replacement == tlb_pkg::ReplFifo) begin
      for (int w = 0; w < NumWays; w++) repl_reset[w*WayBits +: WayBits] = WayBits'(w);
    end
  endfunction

  // The sets' replacement states, set s's at [s*StateBits +: StateBits].
  logic [NumSets*StateBits-1:0] repl_q;

  // Way w of set is valid and holds the translation of a fill of this page, size and ASID
  // (or this global page).
  function automatic logic holds_page(logic [SetBits-1:0] set, int w, logic [VpnWidth-1:0] vpn,
                                      logic [1:0] size, logic [AsidWidth-1:0] asid, logic global);
    logic [IdxBits-1:0] i;
    i = index(set, w);
    holds_page = valid_q[i] && size_q[i] == size && vpn_q[i] == vpn && global_q[i] == global &&
                 (global || asid_q[i] == asid);
  endfunction

  // The way a fill of the page at vpn (its VPN bits below the size cleared) takes in set: the
  // way holding the same translation, else the lowest invalid way, else the policy's victim.
  function automatic logic [WayBits-1:0] fill_way(logic [SetBits-1:0] set,
                                                  logic [VpnWidth-1:0] vpn, logic [1:0] size,
                                                  logic [AsidWidth-1:0] asid, logic global);
    logic [StateBits-1:0] state;
    state = repl_q[set*StateBits +: StateBits];
    fill_way = Replacement == tlb_pkg::ReplFifo ? fifo_victim(FifoBits'(state))
                                                : plru_victim(PlruBits'(state));
    for (int w = NumWays - 1; w >= 0; w--) begin
      if (!valid_q[index(set, w)]) fill_way = WayBits'(w);
    end
    for (int w = NumWays - 1; w >= 0; w--) begin
      if (holds_page(set, w, vpn, size, asid, global)) fill_way = WayBits'(w);
    end
  endfunction

  // Whether sfence.vma of this kind removes entry i (§12.2.1).
  function automatic logic flush_removes(logic [IdxBits-1:0] i);
    unique case (flush_kind_i)
      tlb_pkg::FlushAll:    flush_removes = 1'b1;
`ifdef TLB_FAULT_ASID_FLUSH_REMOVES_GLOBAL
      // A deliberate fault, defined only by the co-simulation test that must catch it.
      tlb_pkg::FlushAsid:   flush_removes = asid_q[i] == flush_asid_i;
`else
      tlb_pkg::FlushAsid:   flush_removes = !global_q[i] && asid_q[i] == flush_asid_i;
`endif
      tlb_pkg::FlushVa:     flush_removes = covers(vpn_q[i], size_q[i], flush_vpn_i);
      tlb_pkg::FlushVaAsid: flush_removes = !global_q[i] && asid_q[i] == flush_asid_i &&
                                            covers(vpn_q[i], size_q[i], flush_vpn_i);
      default:              flush_removes = 1'b1;
    endcase
  endfunction

  // The valid bits a flush of this kind leaves.
  function automatic logic [NumEntries-1:0] flush_kept(logic [NumEntries-1:0] valid);
    for (int i = 0; i < NumEntries; i++) flush_kept[i] = valid[i] && !flush_removes(IdxBits'(i));
  endfunction

  // The ports' handshake is the only logic outside the clocked blocks: every compare of the
  // lookup, fill and flush is computed at the edge that accepts the request, from the inputs
  // and the registers before it, so the request's answer and effects are registered.
  logic lookup_fire, fill_fire;
  assign fill_ready_o   = !flush_valid_i;
  assign lookup_ready_o = !flush_valid_i && !fill_valid_i;
  assign fill_fire      = fill_valid_i && fill_ready_o && PageSizes[fill_size_i];
  assign lookup_fire    = lookup_valid_i && lookup_ready_o;

  logic                 resp_valid_q, resp_hit_q, resp_global_q;
  tlb_pkg::access_e     resp_access_q;
  logic [VpnWidth-1:0]  resp_vpn_q;
  logic [PpnWidth-1:0]  resp_ppn_q;
  logic [1:0]           resp_size_q;
  logic [AsidWidth-1:0] resp_asid_q;
  logic [FlagBits-1:0]  resp_flags_q;

  // The registers with a reset: valid bits, replacement state, response. A flush keeps the
  // valid bits it does not remove; a fill validates its entry and touches its set; a lookup
  // answers the lowest page size, then the lowest way, that matches (later loop iterations
  // win), zeros beside resp_hit_o on a miss, and a hit touches its set (tree-PLRU only).
  always_ff @(posedge clk_i or negedge rst_ni) begin : proc_state
    logic               hit;
    logic [SetBits-1:0] set;
    logic [WayBits-1:0] way;
    logic [IdxBits-1:0] i;
    logic [StateBits-1:0] state;
    if (!rst_ni) begin
      valid_q       <= '0;
      repl_q        <= {NumSets{repl_reset()}};
      resp_valid_q  <= 1'b0;
      resp_hit_q    <= 1'b0;
      resp_access_q <= tlb_pkg::AccessLoad;
      resp_vpn_q    <= '0;
      resp_ppn_q    <= '0;
      resp_size_q   <= '0;
      resp_asid_q   <= '0;
      resp_global_q <= 1'b0;
      resp_flags_q  <= '0;
    end else begin
      resp_valid_q <= lookup_fire;
      if (flush_valid_i) begin
        valid_q <= flush_kept(valid_q);
      end else if (fill_fire) begin
        set = set_of(fill_vpn_i, fill_size_i);
        way = fill_way(set, fill_vpn_i & page_mask(fill_size_i), fill_size_i, fill_asid_i,
                       fill_global_i);
        state = repl_q[set*StateBits +: StateBits];
        valid_q[index(set, 0) + IdxBits'(way)] <= 1'b1;
        repl_q[set*StateBits +: StateBits] <=
            Replacement == tlb_pkg::ReplFifo ? StateBits'(fifo_filled(FifoBits'(state), way))
                                             : StateBits'(plru_touched(PlruBits'(state), way));
      end else if (lookup_fire) begin
        hit = 1'b0;
        set = '0;
        way = '0;
        for (int l = NumLevels - 1; l >= 0; l--) begin
          for (int w = NumWays - 1; w >= 0; w--) begin
            i = index(set_of(lookup_vpn_i, 2'(l)), w);
            if (PageSizes[l] && valid_q[i] && size_q[i] == 2'(l) &&
                covers(vpn_q[i], 2'(l), lookup_vpn_i) &&
                (global_q[i] || asid_q[i] == lookup_asid_i)) begin
              hit = 1'b1;
              set = set_of(lookup_vpn_i, 2'(l));
              way = WayBits'(w);
            end
          end
        end
        i = index(set, 0) + IdxBits'(way);
        resp_hit_q    <= hit;
        resp_access_q <= lookup_access_i;
        resp_vpn_q    <= hit ? vpn_q[i] : '0;
        resp_ppn_q    <= hit ? ppn_q[i] : '0;
        resp_size_q   <= hit ? size_q[i] : '0;
        resp_asid_q   <= hit ? asid_q[i] : '0;
        resp_global_q <= hit && global_q[i];
        resp_flags_q  <= hit ? flags_q[i] : '0;
        if (hit && Replacement == tlb_pkg::ReplTreePlru) begin
          state = repl_q[set*StateBits +: StateBits];
          repl_q[set*StateBits +: StateBits] <= StateBits'(plru_touched(PlruBits'(state), way));
        end
      end
    end
  end

  // A fill writes its entry's fields (a flush is never presented with an accepted fill); the
  // way is chosen as above, from the same registers.
  always_ff @(posedge clk_i) begin : proc_fields
    logic [SetBits-1:0] set;
    logic [IdxBits-1:0] i;
    if (fill_fire) begin
      set = set_of(fill_vpn_i, fill_size_i);
      i = index(set, 0) + IdxBits'(fill_way(set, fill_vpn_i & page_mask(fill_size_i),
                                            fill_size_i, fill_asid_i, fill_global_i));
      vpn_q[i]    <= fill_vpn_i & page_mask(fill_size_i);
      ppn_q[i]    <= fill_ppn_i;
      size_q[i]   <= fill_size_i;
      asid_q[i]   <= fill_asid_i;
      global_q[i] <= fill_global_i;
      flags_q[i]  <= fill_flags_i;
    end
  end

  assign resp_valid_o  = resp_valid_q;
  assign resp_hit_o    = resp_hit_q;
  assign resp_access_o = resp_access_q;
  assign resp_vpn_o    = resp_vpn_q;
  assign resp_ppn_o    = resp_ppn_q;
  assign resp_size_o   = resp_size_q;
  assign resp_asid_o   = resp_asid_q;
  assign resp_global_o = resp_global_q;
  assign resp_flags_o  = resp_flags_q;

endmodule
