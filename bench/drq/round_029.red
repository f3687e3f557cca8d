;redcode-94
;name offline r8 s231
;author drq offline generator
;strategy mutated r8s110: swapped the imp launcher; step -3682 → -748
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
        JMP.B  @0, >-748
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
