;redcode-94
;name offline r50 s223
;author drq offline generator
;strategy mutated r50s154: added an imp launcher; switched to a paper
;header
        SPL.B  $12, $0
;block paper 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  @0, >1315
        MOV.I  }-1, >-1
        SPL.B  @0, {-2566
        MOV.I  }-1, >-1
        MOV.I  $3, }1095
        MOV.I  {-3, <1
        JMP.B  @0, >3870
        DAT.F  <2667, <-2667
;block imp 0
        MOV.I  $0, $1
        end     0
