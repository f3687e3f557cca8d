;redcode-94
;name offline r31 s93
;author drq offline generator
;strategy mutated r31s13: step 2667 → 2365; a constant on paper line 8 by 1
;block paper 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  @0, }1865
        MOV.I  }-1, >-1
        SPL.B  @0, >-3788
        MOV.I  }-1, >-1
        MOV.I  $3, }1445
        MOV.I  {-3, <1
        JMP.B  @0, >2986
        DAT.F  <2365, <-2667
        end     0
