;redcode-94
;name offline r47 s227
;author drq offline generator
;strategy mutated r47s20: step -748 → -1095
;header
        SPL.B  $12, $0
;block paper 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  @0, }-3094
        MOV.I  }-1, >-1
        SPL.B  @0, {-2197
        MOV.I  }-1, >-1
        MOV.I  $3, }1445
        MOV.I  {-3, <1
        JMP.B  @0, >-1095
        DAT.F  <2667, <-2667
;block imp 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $2, $0
        JMP.B  @0, $3
        ADD.AB #2667, $-1
        DAT.F  #0, #0
        MOV.I  #0, $2667
        end     0
