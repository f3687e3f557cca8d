;redcode-94
;name offline r37 s194
;author drq offline generator
;strategy mutated r37s135: crossover: the mate's paper block replaces ours; deleted decoy line 5
;block decoy 0
        MOV.I  $1492, <-3660
        MOV.I  $3562, $1575
        MOV.I  $3647, $877
        SPL.B  <2217, >-3033
;block paper 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  @0, }894
        MOV.I  }-1, >-1
        SPL.B  @0, {-622
        MOV.I  }-1, >-1
        MOV.I  $3, }1028
        MOV.I  {-3, <1
        JMP.B  @0, >-971
        DAT.F  <2667, <-2667
        end     4
